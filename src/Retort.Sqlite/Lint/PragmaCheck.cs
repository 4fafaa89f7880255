using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>RT048, RT049 and RT052: PRAGMAs that do not belong in a revision's transaction.</summary>
public sealed class PragmaCheck : RuleCheck
{
    private readonly HashSet<string> _names;
    private readonly bool _onlyInTransaction;

    private PragmaCheck(LintRule rule, bool onlyInTransaction, params string[] names) : base(rule)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _onlyInTransaction = onlyInTransaction;
    }

    /// <summary>RT048.</summary>
    public static PragmaCheck ForeignKeys { get; } = new(SqliteRules.ForeignKeysPragmaInTransaction, true, "FOREIGN_KEYS");

    /// <summary>RT049.</summary>
    public static PragmaCheck OutsideTransactionOnly { get; } = new(SqliteRules.PragmaOutsideTransactionOnly, true, "JOURNAL_MODE", "PAGE_SIZE", "AUTO_VACUUM", "LOCKING_MODE", "ENCODING");

    /// <summary>RT052.</summary>
    public static PragmaCheck WritableSchema { get; } = new(SqliteRules.WritableSchema, false, "WRITABLE_SCHEMA");

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (!LintSql.Is(t, 0, "PRAGMA")) yield break;
        var i = 1;
        if (i + 2 < t.Count && t[i + 1].IsSymbol('.')) i += 2;
        if (i >= t.Count || !_names.Contains(t[i].Identifier.ToUpperInvariant())) yield break;
        // Reading a PRAGMA (no "=" and no argument) changes nothing.
        var sets = i + 1 < t.Count && (t[i + 1].IsSymbol('=') || t[i + 1].IsSymbol('('));
        if (!sets || (_onlyInTransaction && !InTransaction(statement, context))) yield break;
        yield return Found(_onlyInTransaction
            ? $"sets PRAGMA {t[i].Text} inside the revision's transaction, where SQLite ignores or refuses it."
            : $"sets PRAGMA {t[i].Text}, editing the schema table by hand.", null);
    }
}
