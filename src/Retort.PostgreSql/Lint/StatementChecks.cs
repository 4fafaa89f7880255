using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT019: VACUUM FULL.</summary>
public sealed class VacuumFullCheck() : RuleCheck(PostgreSqlRules.VacuumFull)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        if (!LintSql.Is(t, 0, "VACUUM")) yield break;
        var i = 1;
        bool full;
        if (i < t.Count && t[i].IsSymbol('('))
        {
            var close = LintSql.CloseOf(t, i);
            // "(FULL)", "(FULL true)", "(FULL, ANALYZE)"; "(FULL false)" is not.
            full = LintSql.SplitAtCommas(t, i + 1, close).Any(o => o[0].Is("FULL") && !(o.Count > 1 && (o[1].Is("FALSE") || o[1].Is("OFF") || o[1].Text == "0")));
            i = close + 1;
        }
        else
        {
            full = LintSql.Skip(t, ref i, "FULL");
            while (i < t.Count && (t[i].Is("FREEZE") || t[i].Is("VERBOSE") || t[i].Is("ANALYZE"))) i++;
        }
        if (!full) yield break;
        var table = LintSql.ReadName(t, ref i);
        if (table is not null && !Existing(context, table, statement)) yield break;
        yield return Found($"runs VACUUM FULL on {table?.Display ?? "every table of the database"}, rewriting it under ACCESS EXCLUSIVE.", table?.Display);
    }
}

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

/// <summary>RT034: DROP DATABASE.</summary>
public sealed class DropDatabaseCheck() : RuleCheck(PostgreSqlRules.DropDatabase)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "DATABASE")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        yield return Found($"drops database {(i < t.Count ? t[i].Identifier : "")}.", null);
    }
}

/// <summary>RT035: ALTER TYPE … ADD VALUE inside a transaction on PostgreSQL 11 or older.</summary>
public sealed class EnumValueInTransactionCheck() : RuleCheck(PostgreSqlRules.EnumValueInTransaction)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "ALTER", "TYPE") || LintSql.ReadName(t, ref i) is not { } type || !LintSql.At(t, i, "ADD", "VALUE")) yield break;
        if (InTransaction(statement, context) && context.ServerVersion is { } v && v < Rule.GoneInVersion!)
            yield return Found($"adds a value to enum type {type} inside the revision's transaction, which PostgreSQL {v} refuses.", null);
    }
}

/// <summary>RT037: an enum type dropped (to recreate it without a value).</summary>
public sealed class EnumRemovalCheck() : RuleCheck(PostgreSqlRules.EnumRemoval)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropEnumTypeOperation d && !CreatedEarlier(context, null, d.Name))
            yield return Found($"drops enum type {d.Name}{(Recreated(context, d.Name) ? " and creates it again, removing values" : "")}; columns of the type must be rewritten and the running application may still write its values.", null);
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 2;
        if (!LintSql.At(t, 0, "DROP", "TYPE")) yield break;
        LintSql.Skip(t, ref i, "IF", "EXISTS");
        foreach (var type in LintSql.NameList(t, i))
            if (!CreatedEarlier(context, statement, type.Name))
                yield return Found($"drops type {type}; if it is an enum recreated without a value, columns of the type must be rewritten and the running application may still write the removed value.", null);
    }

    private static bool CreatedEarlier(LintContext context, LintStatement? current, string name) =>
        EarlierOperations(context).Any(op => op is CreateEnumTypeOperation c && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        || EarlierStatements(context, current).Any(s => LintSql.At(s.Tokens, 0, "CREATE", "TYPE") && s.Tokens.Count > 2 && s.Tokens[^1].Depth >= 0 && NameOf(s) == name);

    private static string? NameOf(LintStatement s)
    {
        var i = 2;
        return LintSql.ReadName(s.Tokens, ref i)?.Name;
    }

    private static bool Recreated(LintContext context, string name) =>
        context.Plan.Skip(context.Index + 1).Any(op => op is CreateEnumTypeOperation c && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>RT040 (TRUNCATE) and RT041 (TRUNCATE … CASCADE).</summary>
public sealed class TruncateCheck : RuleCheck
{
    private readonly bool _cascade;

    private TruncateCheck(LintRule rule, bool cascade) : base(rule) => _cascade = cascade;

    /// <summary>RT040.</summary>
    public static TruncateCheck Truncate { get; } = new(PostgreSqlRules.Truncate, false);

    /// <summary>RT041.</summary>
    public static TruncateCheck Cascade { get; } = new(PostgreSqlRules.TruncateCascade, true);

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!LintSql.Is(t, 0, "TRUNCATE")) yield break;
        LintSql.Skip(t, ref i, "TABLE");
        LintSql.Skip(t, ref i, "ONLY");
        var tables = LintSql.NameList(t, i);
        if (_cascade)
        {
            if (LintSql.Has(t, "CASCADE"))
                yield return Found($"truncates {string.Join(", ", tables)} with CASCADE, also emptying every table that references {(tables.Count == 1 ? "it" : "them")}.", tables.FirstOrDefault()?.Display);
            yield break;
        }
        foreach (var table in tables.Where(x => Existing(context, x, statement)))
            yield return Found($"truncates {table}, deleting every row under ACCESS EXCLUSIVE.", table.Display);
    }
}

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

/// <summary>RT038: a data change after a schema change of an existing table, in the same transaction.</summary>
public sealed class DdlAndDataMixedCheck() : RuleCheck(PostgreSqlRules.DdlAndDataMixed)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is BackfillOperation { Atomic: true } b && context.InTransaction && Existing(context, b.Schema, b.TableName) && LockingDdlBefore(context, null) is { } ddl)
            yield return Found($"updates {Display(b.Schema, b.TableName)} in the transaction that changed the schema of {ddl}, which stays locked until it commits.", Display(b.Schema, b.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (!InTransaction(statement, context)) yield break;
        var target = LintSql.DataChange(statement)?.Table ?? InsertTarget(statement);
        if (target is null || !Existing(context, target, statement)) yield break;
        if (LockingDdlBefore(context, statement) is { } ddl)
            yield return Found($"changes data of {target} in the transaction that changed the schema of {ddl}, which stays locked until it commits.", target.Display);
    }

    private static SqlTableName? InsertTarget(LintStatement statement)
    {
        var t = statement.Tokens;
        var i = 2;
        return LintSql.At(t, 0, "INSERT", "INTO") ? LintSql.ReadName(t, ref i) : null;
    }

    // The first existing table an earlier step of the same transaction changed with lock-taking DDL.
    private static string? LockingDdlBefore(LintContext context, LintStatement? current)
    {
        foreach (var op in EarlierOperations(context))
            if (op is TableOperation table && !(op is CreateIndexOperation { Concurrently: true } or DropIndexOperation { Concurrently: true })
                && Existing(context, table.Schema, table.TableName))
                return Display(table.Schema, table.TableName);
        foreach (var s in EarlierStatements(context, current))
            if (!s.OutsideTransaction && PgSql.LockedTable(s) is { } locked && Existing(context, locked, current))
                return locked.Display;
        return null;
    }
}

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
