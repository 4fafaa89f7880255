using Retort.Lint;
using Retort.Lint.Rules;
using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT055: CREATE/DROP INDEX CONCURRENTLY outside the transaction without IF [NOT] EXISTS.</summary>
public sealed class NotRerunnableCheck() : RuleCheck(PostgreSqlRules.NotRerunnable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (InTransaction(statement, context)) yield break;
        var t = statement.Tokens;
        if (PgSql.CreateIndex(statement) is { Concurrently: true } index && !LintSql.HasAnywhere(t, "IF", "NOT", "EXISTS"))
            yield return Found($"builds index {index.Name ?? "(unnamed)"} on {index.Table} outside the transaction without IF NOT EXISTS: a second run after a crash fails because it exists.", index.Table.Display);
        else if (LintSql.At(t, 0, "DROP", "INDEX", "CONCURRENTLY") && !LintSql.At(t, 3, "IF", "EXISTS") && t.Count > 3)
            yield return Found($"drops index {t[3].Text} outside the transaction without IF EXISTS: a second run after a crash fails because it is gone.", null);
    }
}
