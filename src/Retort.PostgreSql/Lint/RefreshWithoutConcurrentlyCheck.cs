using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT043: REFRESH MATERIALIZED VIEW without CONCURRENTLY.</summary>
public sealed class RefreshWithoutConcurrentlyCheck() : RuleCheck(PostgreSqlRules.RefreshWithoutConcurrently)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 3;
        if (!LintSql.At(t, 0, "REFRESH", "MATERIALIZED", "VIEW") || LintSql.Is(t, 3, "CONCURRENTLY") || LintSql.ReadName(t, ref i) is not { } view) yield break;
        if (!Existing(context, view, statement) || EarlierStatements(context, statement).Any(s => LintSql.At(s.Tokens, 0, "CREATE", "MATERIALIZED", "VIEW") && NameAfter(s, 3) == view.Name)) yield break;
        yield return Found($"refreshes materialized view {view} without CONCURRENTLY: every read of it waits until the refresh ends.", view.Display);
    }

    private static string? NameAfter(LintStatement s, int i)
    {
        LintSql.Skip(s.Tokens, ref i, "IF", "NOT", "EXISTS");
        return LintSql.ReadName(s.Tokens, ref i)?.Name;
    }
}
