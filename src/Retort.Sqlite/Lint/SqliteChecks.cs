using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite.Lint;

/// <summary>The checks of <see cref="SqliteRules"/>, one per rule, in id order.</summary>
public static class SqliteChecks
{
    /// <summary>Every check.</summary>
    public static IReadOnlyList<LintCheck> All { get; } =
    [
        new TableRebuildCheck(), PragmaCheck.ForeignKeys, PragmaCheck.OutsideTransactionOnly, new VacuumInTransactionCheck(), new IndexOnExistingTableCheck(),
        PragmaCheck.WritableSchema, new AddColumnRefusedCheck(), new HandWrittenRebuildCheck(),
    ];
}

/// <summary>RT047: an operation SQLite's generator compiles to a rebuild of an existing table.</summary>
public sealed class TableRebuildCheck() : RuleCheck(SqliteRules.TableRebuild)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is not TableOperation t || !Existing(context, t.Schema, t.TableName) || !RebuildPlanner.NeedsRebuild(operation, null)) yield break;
        var table = Display(t.Schema, t.TableName);
        yield return operation is DropColumnOperation d
            ? Found($"drops column {d.ColumnName} of {table}, which rebuilds {table} (copying every row) if an index, key or check names the column.", table)
            : Found($"{operation.Describe()}: SQLite cannot do it in place, so {table} is rebuilt, copying every row while other writers wait.", table);
    }
}

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

/// <summary>RT050: VACUUM inside a transaction.</summary>
public sealed class VacuumInTransactionCheck() : RuleCheck(SqliteRules.VacuumInTransaction)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.Is(statement.Tokens, 0, "VACUUM") && InTransaction(statement, context))
            yield return Found("runs VACUUM inside the revision's transaction, where SQLite refuses it.", null);
    }
}

/// <summary>RT051: an index built on an existing table.</summary>
public sealed class IndexOnExistingTableCheck() : RuleCheck(SqliteRules.IndexOnExistingTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is CreateIndexOperation c && Existing(context, c.Schema, c.TableName))
            yield return Found($"builds index {c.Index.Name} on {Display(c.Schema, c.TableName)}, reading every row while other writers wait.", Display(c.Schema, c.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!LintSql.Is(t, 0, "CREATE")) yield break;
        LintSql.Skip(t, ref i, "UNIQUE");
        if (!LintSql.Skip(t, ref i, "INDEX")) yield break;
        var on = LintSql.IndexOf(t, i, "ON");
        if (on < 0) yield break;
        i = on + 1;
        if (LintSql.ReadName(t, ref i) is { } table && Existing(context, table, statement))
            yield return Found($"builds an index on {table}, reading every row while other writers wait.", table.Display);
    }
}

/// <summary>RT053: ALTER TABLE ADD COLUMN forms SQLite refuses.</summary>
public sealed class AddColumnRefusedCheck() : RuleCheck(SqliteRules.AddColumnRefused)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        foreach (var c in LintSql.ColumnDefinitions(statement))
        {
            if (c.InCreateTable) continue;
            var d = c.Default;
            var reason =
                LintSql.Has(c.Constraints, "PRIMARY", "KEY") ? "a PRIMARY KEY column"
                : c.Has("UNIQUE") ? "a UNIQUE column"
                : c.Has("GENERATED") && c.Has("STORED") || c.Has("AS") && c.Has("STORED") ? "a STORED generated column"
                : d is { Count: > 0 } && (d[0].IsSymbol('(') || d[0].Is("CURRENT_TIMESTAMP") || d[0].Is("CURRENT_TIME") || d[0].Is("CURRENT_DATE")) ? "a non-constant default"
                : LintSql.Has(c.Constraints, "NOT", "NULL") && (d is null || d is [var only] && only.Is("NULL")) ? "NOT NULL without a non-null default"
                : null;
            if (reason is not null)
                yield return Found($"adds column {c.Column} to {c.Table} as {reason}, which SQLite's ADD COLUMN refuses.", c.Table.Display);
        }
    }
}

/// <summary>RT054: a table dropped and another renamed into its place, in SQL.</summary>
public sealed class HandWrittenRebuildCheck() : RuleCheck(SqliteRules.HandWrittenRebuild)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter) yield break;
        foreach (var action in alter.Actions)
        {
            if (!LintSql.At(action, 0, "RENAME", "TO") || action.Count < 3) continue;
            var target = action[2].FoldedIdentifier;
            var dropped = EarlierStatements(context, statement).Any(s =>
            {
                var i = 2;
                if (!LintSql.At(s.Tokens, 0, "DROP", "TABLE")) return false;
                LintSql.Skip(s.Tokens, ref i, "IF", "EXISTS");
                return LintSql.NameList(s.Tokens, i).Any(n => n.Name == target);
            });
            if (dropped && Existing(context, alter.Table.Schema, target, statement))
                yield return Found($"drops {target} and renames {alter.Table} into its place: a rebuild by hand, which loses what it does not write again (indexes, triggers, views).", target);
        }
    }
}
