using Retort.Lint;

namespace Retort.Sqlite.Lint;

/// <summary>
/// The catalogue of SQLite's rules (<c>RT047</c>–<c>RT054</c>). SQLite has one writer lock for the whole database: a
/// write transaction holds it (RESERVED, then EXCLUSIVE while it commits) and every other writer waits; in WAL mode
/// readers go on.
/// </summary>
public static class SqliteRules
{
    private const string Dialect = "sqlite";
    private const string WriteLock = "RESERVED";
    private const string WholeDatabase = "the whole database (SQLite's single writer lock; other writers wait, readers go on in WAL mode)";

    /// <summary>RT047.</summary>
    public static LintRule TableRebuild { get; } = new("RT047", "table rebuilt to make a change SQLite's ALTER TABLE cannot", LintSeverity.Warning)
    {
        Dialect = Dialect, Lock = WriteLock, LockTarget = WholeDatabase, Rewrites = true, Scans = true,
        Why = "SQLite cannot alter a column, add or drop a constraint, or add a NOT NULL column without a constant default in place: Retort creates a new table, copies every row, drops the old one and renames, all in the revision's transaction; on a large table every other writer waits for the whole copy.",
        SafeAlternative = "Keep the change to what ALTER TABLE does in place (add a nullable column or one with a constant default, rename), or run the rebuild when writers can wait; group the table's changes in one revision so it is rebuilt once.",
        SafeExample = "op.AddColumn(\"accounts\", new Column(\"tier\", SqlType.Integer)); // in place, no rebuild",
    };

    /// <summary>RT048.</summary>
    public static LintRule ForeignKeysPragmaInTransaction { get; } = new("RT048", "PRAGMA foreign_keys inside a transaction", LintSeverity.Error)
    {
        Dialect = Dialect, NoLockReason = "SQLite ignores the statement inside a transaction; it takes no lock.",
        Why = "SQLite ignores PRAGMA foreign_keys inside a transaction without an error: the revision believes foreign keys are off (or on) and they are not, so a hand-written table rebuild deletes or orphans rows.",
        SafeAlternative = "Let Retort's rebuild handle foreign keys, or run the PRAGMA outside the transaction (a step with outsideTransaction, or `-- retort:no-transaction`).",
        SafeExample = "op.Execute(\"PRAGMA foreign_keys = OFF\", outsideTransaction: true);",
    };

    /// <summary>RT049.</summary>
    public static LintRule PragmaOutsideTransactionOnly { get; } = new("RT049", "PRAGMA that takes effect only outside a transaction", LintSeverity.Warning)
    {
        Dialect = Dialect, NoLockReason = "SQLite refuses the statement or defers it; it takes no lock of its own.",
        Why = "journal_mode cannot change to or from WAL inside a transaction (it fails), page_size and auto_vacuum take effect only after a VACUUM, and locking_mode changes the whole connection: none belongs in a revision's transaction.",
        SafeAlternative = "Set database-wide PRAGMAs when the database is created or opened (the connection string), or in a step outside the transaction.",
        SafeExample = "op.Execute(\"PRAGMA journal_mode = WAL\", outsideTransaction: true);",
    };

    /// <summary>RT050.</summary>
    public static LintRule VacuumInTransaction { get; } = new("RT050", "VACUUM inside a transaction", LintSeverity.Error)
    {
        Dialect = Dialect, NoLockReason = "SQLite refuses VACUUM inside a transaction (\"cannot VACUUM from within a transaction\").",
        Why = "VACUUM fails inside a transaction, and the revision stops; outside one it rewrites the whole database file holding the write lock.",
        SafeAlternative = "Run VACUUM outside migrations, or as a step outside the transaction when writers can wait.",
        SafeExample = "op.Execute(\"VACUUM\", outsideTransaction: true);",
    };

    /// <summary>RT051.</summary>
    public static LintRule IndexOnExistingTable { get; } = new("RT051", "index built on an existing table", LintSeverity.Warning)
    {
        Dialect = Dialect, Lock = WriteLock, LockTarget = WholeDatabase, Scans = true,
        Why = "SQLite has no concurrent index build: CREATE INDEX reads the whole table inside the revision's write transaction, and every other writer waits until it commits.",
        SafeAlternative = "Build indexes on large tables when writers can wait, or before the table fills (in the revision that creates it).",
        SafeExample = "op.CreateTable(new Table(\"events\", ...) { Indexes = [new TableIndex(\"events_at\", \"at\")] });",
    };

    /// <summary>RT052.</summary>
    public static LintRule WritableSchema { get; } = new("RT052", "PRAGMA writable_schema", LintSeverity.Error)
    {
        Dialect = Dialect, NoLockReason = "It edits sqlite_schema directly; the harm is a database SQLite may no longer open.",
        Why = "Editing sqlite_schema by hand skips every check SQLite makes; a mistake leaves a malformed database that cannot be opened.",
        SafeAlternative = "Change tables with ALTER TABLE or Retort's operations (which rebuild the table when needed).",
        SafeExample = "op.AlterColumn(\"accounts\", \"email\", type: SqlType.Text, existingType: SqlType.String(50));",
    };

    /// <summary>RT053.</summary>
    public static LintRule AddColumnRefused { get; } = new("RT053", "ALTER TABLE ADD COLUMN that SQLite refuses", LintSeverity.Error)
    {
        Dialect = Dialect, NoLockReason = "SQLite refuses the statement; it takes no lock.",
        Why = "SQLite's ADD COLUMN cannot add a PRIMARY KEY or UNIQUE column, a STORED generated column, a non-constant default (CURRENT_TIMESTAMP, an expression) or NOT NULL without a non-null default: the statement fails and the revision stops.",
        SafeAlternative = "Use op.AddColumn, which rebuilds the table when SQLite cannot add the column in place, or add the column plainly and backfill it.",
        SafeExample = "op.AddColumn(\"accounts\", new Column(\"created_at\", SqlType.DateTime, serverDefault: ServerDefault.Sql(\"CURRENT_TIMESTAMP\")));",
    };

    /// <summary>RT054.</summary>
    public static LintRule HandWrittenRebuild { get; } = new("RT054", "table rebuilt by hand in SQL", LintSeverity.Warning)
    {
        Dialect = Dialect, Lock = WriteLock, LockTarget = WholeDatabase, Rewrites = true, Scans = true,
        Why = "Dropping a table and renaming a copy into its place loses its indexes, triggers and views unless each is written again; with foreign keys on, the DROP deletes or blocks rows of referencing tables, and ALTER TABLE RENAME rewrites references in other tables.",
        SafeAlternative = "Use Retort's operations, whose rebuild keeps rows, indexes, foreign keys, checks, triggers and views; or follow SQLite's twelve-step procedure exactly.",
        SafeExample = "op.AlterColumn(\"accounts\", \"balance\", type: SqlType.BigInteger, existingType: SqlType.Integer);",
    };

    /// <summary>Every rule of this catalogue, in id order.</summary>
    public static IReadOnlyList<LintRule> All { get; } =
        [TableRebuild, ForeignKeysPragmaInTransaction, PragmaOutsideTransactionOnly, VacuumInTransaction, IndexOnExistingTable, WritableSchema, AddColumnRefused, HandWrittenRebuild];
}
