using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT020: CLUSTER.</summary>
public sealed class ClusterCheck() : RuleCheck(PostgreSqlRules.Cluster)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (!LintSql.Is(t, 0, "CLUSTER")) yield break;
        var i = 1;
        if (i < t.Count && t[i].IsSymbol('(')) i = LintSql.CloseOf(t, i) + 1;
        LintSql.Skip(t, ref i, "VERBOSE");
        var table = LintSql.ReadName(t, ref i);
        if (table is not null && !Existing(context, table, statement)) yield break;
        yield return Found($"runs CLUSTER on {table?.Display ?? "every clustered table"}, rewriting it under ACCESS EXCLUSIVE.", table?.Display);
    }
}
