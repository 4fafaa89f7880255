using System.Data.Common;
using Microsoft.Data.Sqlite;
using Retort.Dialects;
using Retort.Operations;
using Retort.Sql;

namespace Retort.Sqlite.Internal;

/// <summary>
/// SQLite's transactions: write-locking BEGIN IMMEDIATE, revisions sharing a transaction under savepoints (a commit
/// waits for the disk), and foreign keys off around a rebuild, checked before its commit.
/// </summary>
internal sealed class SqliteTransactionPolicy : TransactionPolicy
{
    /// <inheritdoc />
    public override string BeginTransactionSql => "BEGIN IMMEDIATE";

    /// <inheritdoc />
    /// <remarks>Every SQLite commit waits for the disk (several fsyncs in rollback-journal mode); a savepoint does not.</remarks>
    public override bool SharesTransactionAcrossRevisions => true;

    /// <inheritdoc />
    public override Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // IMMEDIATE takes the write lock at BEGIN: a second migration process waits here (busy timeout), then
        // re-reads the version table and finds the revision already applied.
        Task.FromResult(SqliteConnections.BeginImmediate((SqliteConnection)connection));

    /// <inheritdoc />
    public override string? WhyNotInTransaction(string sql) =>
        SqlWords.StartsWithAny(sql, SqliteSql.Flavor, "VACUUM") ? "SQLite cannot VACUUM from within a transaction" : null;

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> BeforeTransaction(IReadOnlyList<MigrationOperation> plan) =>
        // SQLite ignores this pragma inside a transaction; the rebuild needs it off (SQLite's documented procedure).
        MayRebuild(plan) ? [new SqlStatement("PRAGMA foreign_keys = OFF")] : [];

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> BeforeCommit(IReadOnlyList<MigrationOperation> plan) =>
        MayRebuild(plan)
            ? [new SqlStatement("PRAGMA foreign_key_check") { FailIfRowsMessage = "Foreign key violations after rebuilding a table (table, rowid, referenced table, fk index):" }]
            : [];

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> AfterTransaction(IReadOnlyList<MigrationOperation> plan) =>
        MayRebuild(plan) ? [new SqlStatement("PRAGMA foreign_keys = ON")] : [];

    // The same test the compiler uses, without the table (so a dropped column counts as a rebuild): adding a
    // nullable column is a plain ALTER TABLE and needs neither the pragma nor a transaction of its own.
    // An online operation runs as its final shape, which may rebuild.
    private static bool MayRebuild(IReadOnlyList<MigrationOperation> plan) => OnlineOperation.FinalShapeOf(plan).Any(op => RebuildPlanner.NeedsRebuild(op, null));
}
