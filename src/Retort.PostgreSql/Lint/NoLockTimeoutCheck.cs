using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>RT039: lock-taking DDL in raw SQL with no lock timeout set before it (or with it turned off).</summary>
public sealed class NoLockTimeoutCheck() : RuleCheck(PostgreSqlRules.NoLockTimeout)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (PgSql.LockedTable(statement) is not { } table || !Existing(context, table, statement)) yield break;
        bool? set = null;
        foreach (var s in EarlierStatements(context, statement))
            if (Setting(s) is { } on) set = on;
        if (set == true) yield break;
        yield return Found(set == false
            ? $"locks {table} after lock_timeout was turned off: if it waits behind a long query, every query on {table} queues behind it."
            : $"locks {table} with no SET lock_timeout before it in the revision's SQL (Retort's connection sets one; an offline script run with psql does not).", table.Display);
    }

    // True for "SET [LOCAL|SESSION] lock_timeout = <non-zero>", false for "= 0" or RESET, null for any other statement.
    private static bool? Setting(LintStatement s)
    {
        var t = s.Tokens;
        var i = 1;
        if (LintSql.At(t, 0, "RESET", "LOCK_TIMEOUT")) return false;
        if (!LintSql.Is(t, 0, "SET")) return null;
        if (LintSql.Skip(t, ref i, "LOCAL") || LintSql.Skip(t, ref i, "SESSION")) { }
        if (!LintSql.Is(t, i, "LOCK_TIMEOUT")) return null;
        var value = i + 2 < t.Count ? t[i + 2] : default;
        var text = value.Kind == SqlTokenKind.String ? value.Text.Trim('\'') : value.Text;
        return !(text is "0" or "" || value.Is("DEFAULT"));
    }
}
