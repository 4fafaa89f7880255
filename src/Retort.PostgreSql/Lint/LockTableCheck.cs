using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT044: an explicit LOCK TABLE.</summary>
public sealed class LockTableCheck() : RuleCheck(PostgreSqlRules.LockTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!LintSql.Is(t, 0, "LOCK")) yield break;
        LintSql.Skip(t, ref i, "TABLE");
        LintSql.Skip(t, ref i, "ONLY");
        var tables = LintSql.NameList(t, i).Where(x => Existing(context, x, statement)).ToList();
        if (tables.Count == 0) yield break;
        var @in = LintSql.IndexOf(t, 0, "IN");
        var mode = @in < 0 ? "ACCESS EXCLUSIVE" : string.Join(" ", t.Skip(@in + 1).TakeWhile(x => !x.Is("MODE")).Select(x => x.Text.ToUpperInvariant()));
        yield return Found($"locks {string.Join(", ", tables)} in {mode} mode until the revision commits.", tables[0].Display);
    }
}
