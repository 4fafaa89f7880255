using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.PostgreSql.Internal;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT013: REINDEX without CONCURRENTLY.</summary>
public sealed class ReindexWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.ReindexWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (!LintSql.Is(t, 0, "REINDEX") || t.Any(x => x.Is("CONCURRENTLY"))) yield break;
        var i = 1;
        if (i < t.Count && t[i].IsSymbol('(')) i = LintSql.CloseOf(t, i) + 1;
        var kind = i < t.Count ? t[i].Text.ToUpperInvariant() : "";
        i++;
        var name = LintSql.ReadName(t, ref i);
        if (kind == "TABLE" && name is not null && !Existing(context, name, statement)) yield break;
        if (kind == "INDEX" && name is not null && PgSql.IndexCreatedEarlier(context, EarlierStatements(context, statement), name.Name)) yield break;
        yield return Found($"rebuilds {kind} {name?.Display} without CONCURRENTLY, blocking writes to the table while it runs.", kind == "TABLE" ? name?.Display : null);
    }
}
