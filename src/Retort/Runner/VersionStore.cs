using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>
/// Retort's own tables: the version table (one row per current head, Alembic's semantics) and the history
/// table (the progress table, which <see cref="ProgressStore"/> reads and writes, is created with them). All reads
/// and writes go through the executor, so offline scripts contain them too.
/// </summary>
internal sealed class VersionStore(Dialect dialect, MigratorOptions options)
{
    private HistoryStore Store => dialect.History;
    private HistoryTables Tables => options.Tables;

    public Table VersionTableModel => Store.VersionTable(Tables);

    public Table HistoryTableModel => Store.HistoryTable(Tables);

    /// <summary>
    /// Creates the tables that are missing, in their own transaction; returns the names of those it created. The progress
    /// table comes with them, so an online run and an offline script leave the same tables whether or not a revision
    /// records progress.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnsureTablesAsync(MigrationExecutor executor, CancellationToken ct)
    {
        var tables = new[] { VersionTableModel, HistoryTableModel, Store.ProgressTable(Tables) };
        if (executor.IsOffline)
        {
            // A script is run once against a known state; it creates the tables inside the first transaction.
            await PlanRunner.EmitAsync(executor, dialect, tables.Select(t => (MigrationOperation)new CreateTableOperation(t)).ToList(), ct);
            return [];
        }
        IReadOnlyList<MigrationOperation> created = [];
        async Task<IReadOnlyList<MigrationOperation>> MissingAsync()
        {
            var plan = new List<MigrationOperation>();
            foreach (var table in tables)
                if (!await executor.Schema.TableExistsAsync(table.Name, table.Schema, ct)) plan.Add(new CreateTableOperation(table));
            return created = plan;
        }
        // Checked again inside the transaction: a concurrent first run may create them in between.
        if ((await MissingAsync()).Count > 0) await PlanRunner.RunDecidedInTransactionAsync(executor, dialect, MissingAsync, ct);
        return created.Cast<CreateTableOperation>().Select(c => c.Table.Name).ToList();
    }

    /// <summary>
    /// Creates the missing tables for an online run. Disposing the result drops the tables it created when the run
    /// recorded nothing in Retort's tables, so a fresh database whose first revision failed is left without them, as
    /// it was before the run.
    /// </summary>
    public async Task<IAsyncDisposable> EnsureTablesForRunAsync(OnlineExecutor executor, ILogger logger, CancellationToken ct) =>
        new CreatedTables(this, executor, await EnsureTablesAsync(executor, ct), logger);

    private sealed class CreatedTables(VersionStore store, OnlineExecutor executor, IReadOnlyList<string> created, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // An open transaction means the run stopped where it cannot be judged; leave everything to the next run.
            if (created.Count == 0 || executor.InTransaction) return;
            try { await store.DropUnusedAsync(executor, created, CancellationToken.None); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(RetortEventIds.CleanupFailed, e, "Could not remove Retort's empty tables ({Tables}) after the run; the next run uses them as they are.", string.Join(", ", created));
            }
        }
    }

    /// <summary>Drops <paramref name="created"/> (and the progress table, when both were created) if all of Retort's tables are empty.</summary>
    private async Task DropUnusedAsync(OnlineExecutor executor, IReadOnlyList<string> created, CancellationToken ct)
    {
        var own = new[] { options.VersionTable, options.HistoryTable, options.ProgressTable };
        var fresh = created.Contains(options.VersionTable) && created.Contains(options.HistoryTable);
        async Task<IReadOnlyList<MigrationOperation>> UnusedAsync()
        {
            var drop = new List<MigrationOperation>();
            foreach (var name in own)
            {
                if (!await executor.Schema.TableExistsAsync(name, options.VersionTableSchema, ct)) continue;
                var rows = await executor.QueryAsync(Store.AnyRow(Tables, name), ct);
                if (rows.Count > 0) return [];
                if (created.Contains(name) || (fresh && name == options.ProgressTable)) drop.Add(new DropTableOperation(name, options.VersionTableSchema));
            }
            return drop;
        }
        // Decided again inside the transaction: a concurrent run may have recorded something in between.
        if ((await UnusedAsync()).Count > 0) await PlanRunner.RunDecidedInTransactionAsync(executor, dialect, UnusedAsync, ct);
    }

    /// <summary>
    /// The version rows. Pass <paramref name="tablesExist"/> once <see cref="EnsureTablesAsync"/> ran in this run:
    /// it skips reflecting the table (several catalog queries on PostgreSQL) before every revision.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadHeadsAsync(MigrationExecutor executor, CancellationToken ct, bool tablesExist = false)
    {
        if (!tablesExist && !await executor.Schema.TableExistsAsync(options.VersionTable, options.VersionTableSchema, ct)) return [];
        var rows = await executor.QueryAsync(Store.ReadHeads(Tables), ct);
        return rows.Select(r => Convert.ToString(r[0])!).ToList();
    }

    /// <summary>Moves the version rows from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public async Task WriteHeadsAsync(MigrationExecutor executor, IReadOnlyCollection<string> before, IReadOnlyCollection<string> after, CancellationToken ct)
    {
        var removed = before.Except(after).Order(StringComparer.Ordinal).ToList();
        var added = after.Except(before).Order(StringComparer.Ordinal).ToList();
        // One removed and one added: an UPDATE, as Alembic writes it, keeps the script readable.
        if (removed.Count == 1 && added.Count == 1)
        {
            await executor.ExecuteAsync(Store.ReplaceHead(Tables, removed[0], added[0]), ct);
            return;
        }
        foreach (var id in removed)
            await executor.ExecuteAsync(Store.DeleteHead(Tables, id), ct);
        foreach (var id in added)
            await executor.ExecuteAsync(Store.InsertHead(Tables, id), ct);
    }

    public Task ClearHeadsAsync(MigrationExecutor executor, CancellationToken ct) =>
        executor.ExecuteAsync(Store.ClearHeads(Tables), ct);

    /// <summary>
    /// Adds a history row; <paramref name="rows"/> (data revisions only) needs <see cref="EnsureRowsColumnAsync"/>
    /// first. <paramref name="durationSql"/>, when given, is a SQL expression the database computes the duration
    /// with (see <see cref="StatementExecution.RevisionElapsedMillisecondsSql"/>), used instead of <paramref name="durationMs"/>.
    /// </summary>
    public Task AddHistoryAsync(MigrationExecutor executor, string revision, string direction, long? durationMs, string? checksum, CancellationToken ct,
        long? rows = null, string? durationSql = null, string? allowed = null) =>
        executor.ExecuteAsync(Store.InsertHistory(Tables, revision, direction, durationMs, checksum, rows, durationSql, allowed), ct);

    /// <summary>Adds the nullable allowed column (lint findings a run allowed) to a history table created before it existed.</summary>
    public async Task EnsureAllowedColumnAsync(OnlineExecutor executor, CancellationToken ct)
    {
        async Task<IReadOnlyList<MigrationOperation>> MissingAsync() =>
            await executor.Schema.GetTableAsync(options.HistoryTable, options.VersionTableSchema, ct) is { } table && table.Columns.All(c => c.Name != HistoryStore.AllowedColumn)
                ? [new AddColumnOperation(options.HistoryTable, new Column(HistoryStore.AllowedColumn, SqlType.Text), options.VersionTableSchema)]
                : [];
        if ((await MissingAsync()).Count > 0) await PlanRunner.RunDecidedInTransactionAsync(executor, dialect, MissingAsync, ct);
    }

    /// <summary>
    /// Adds the nullable rows column to a history table created before it existed (in its own transaction); older
    /// Retort versions ignore it, so the change is backward compatible.
    /// </summary>
    public async Task EnsureRowsColumnAsync(OnlineExecutor executor, CancellationToken ct)
    {
        async Task<IReadOnlyList<MigrationOperation>> MissingAsync() =>
            await executor.Schema.GetTableAsync(options.HistoryTable, options.VersionTableSchema, ct) is { } table && table.Columns.All(c => c.Name != HistoryStore.RowsColumn)
                ? [new AddColumnOperation(options.HistoryTable, new Column(HistoryStore.RowsColumn, SqlType.BigInteger), options.VersionTableSchema)]
                : [];
        if ((await MissingAsync()).Count > 0) await PlanRunner.RunDecidedInTransactionAsync(executor, dialect, MissingAsync, ct);
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(MigrationExecutor executor, CancellationToken ct)
    {
        if (await executor.Schema.GetTableAsync(options.HistoryTable, options.VersionTableSchema, ct) is not { } table) return [];
        var rows = await executor.QueryAsync(Store.ReadHistory(Tables, table.Columns.Any(c => c.Name == HistoryStore.RowsColumn),
            table.Columns.Any(c => c.Name == HistoryStore.AllowedColumn)), ct);
        return rows.Select(r => new HistoryEntry(
            Convert.ToInt64(r[0]), Convert.ToString(r[1])!, Convert.ToString(r[2])!, ToTimestamp(r[3]),
            r[4] is null ? null : TimeSpan.FromMilliseconds(Convert.ToInt64(r[4])), r[5] as string,
            r[6] is null ? null : Convert.ToInt64(r[6])) { Allowed = r[7] as string }).ToList();
    }

    private static DateTimeOffset ToTimestamp(object? value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        _ => DateTimeOffset.MinValue,
    };
}
