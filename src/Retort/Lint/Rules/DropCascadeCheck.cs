using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT009: DROP … CASCADE.</summary>
public sealed class DropCascadeCheck() : RuleCheck(CommonRules.DropCascade)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (t.Count == 0 || !t[^1].Is("CASCADE")) yield break;
        if (LintSql.Is(t, 0, "DROP") && t.Count > 1)
            yield return Found($"drops {t[1].Text.ToUpperInvariant()} {(t.Count > 2 ? t[^2].Text : "")} with CASCADE, removing whatever depends on it.", null);
        else if (LintSql.AlterTable(statement) is { } alter && alter.Actions.Any(a => a[0].Is("DROP")))
            yield return Found($"drops from {alter.Table} with CASCADE, removing whatever depends on it.", alter.Table.Display);
    }
}
