using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Specification.Support;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Connections;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A backfill batch that meets a row lock held longer than its lock_timeout, or a deadlock, is rolled back with its
/// checkpoint and tried again after the dialect's retry delay, as DDL is; it gives up only when the wait budget is used
/// up, with a message that names the revision, the table and what held the lock, and nothing half-written.
/// </summary>
public sealed class BackfillLockRetryTests
{
    private static readonly BatchOptions Small = new() { BatchSize = 50, TargetBatchDuration = null };

    [PgFact]
    public async Task A_batch_behind_a_row_lock_held_past_the_lock_timeout_waits_and_finishes_when_it_is_released()
    {
        await using var pg = await TableAsync(300);
        await using var holder = await pg.ConnectAsync();
        await using var held = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("UPDATE t SET n = 7 WHERE id = 175", holder, held).ExecuteNonQueryAsync();

        await using var database = pg.Open("lock_timeout=150ms");
        var log = new WarningLog();
        var migrator = new Migrator(database, InlineScript.Single(op => op.Backfill("t", "n = n + 1", batching: Small)), logger: log);
        var migration = migrator.UpgradeAsync();
        await WaitForAsync(() => log.Count > 1, migration, "two lock timeouts of the batch behind the row lock");
        Assert.False(migration.IsCompleted, "the backfill must wait while the row is locked");
        // The batches before the locked row are committed; the one holding it is not, not even in part.
        Assert.Equal(150L, await pg.ScalarAsync<long>("SELECT count(*) FROM t WHERE n = 1"));
        await held.CommitAsync();

        await migration;
        Assert.Equal(299L, await pg.ScalarAsync<long>("SELECT count(*) FROM t WHERE n = 1"));
        Assert.Equal(8, await pg.ScalarAsync<int>("SELECT n FROM t WHERE id = 175"));
        Assert.Equal(["r1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Contains(log.Messages, m => m.Contains("revision r1", StringComparison.Ordinal) && m.Contains("lock timeout", StringComparison.Ordinal));
    }

    [PgFact]
    public async Task A_batch_chosen_as_a_deadlock_victim_is_tried_again()
    {
        await using var pg = await TableAsync(300);
        // The other session never looks for deadlocks itself (superuser setting), so the batch's session finds it.
        await using var other = await pg.ConnectAsync();
        await new NpgsqlCommand("SET deadlock_timeout = '10min'", other).ExecuteNonQueryAsync();
        await using var otherTransaction = await other.BeginTransactionAsync();
        await new NpgsqlCommand("UPDATE t SET n = 7 WHERE id = 250", other, otherTransaction).ExecuteNonQueryAsync();

        // One batch for all rows: it locks rows 1…249, then waits for row 250.
        await using var database = pg.Open("lock_timeout=20s");
        var migrator = new Migrator(database, InlineScript.Single(op => op.Backfill("t", "n = n + 1",
            batching: new BatchOptions { BatchSize = 1000, TargetBatchDuration = null })));
        var migration = migrator.UpgradeAsync();
        await WaitForAsync(async () => await pg.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE \"t\"%'") > 0, migration, "the batch waiting for row 250");
        // Now the other session waits for a row the batch holds: a deadlock, which the batch's session breaks by
        // failing its own statement; the other session then gets its row and commits.
        await new NpgsqlCommand("UPDATE t SET n = 9 WHERE id = 10", other, otherTransaction) { CommandTimeout = 120 }.ExecuteNonQueryAsync();
        await otherTransaction.CommitAsync();

        await migration;
        Assert.Equal(10, await pg.ScalarAsync<int>("SELECT n FROM t WHERE id = 10"));
        Assert.Equal(8, await pg.ScalarAsync<int>("SELECT n FROM t WHERE id = 250"));
        Assert.Equal(298L, await pg.ScalarAsync<long>("SELECT count(*) FROM t WHERE n = 1"));
        Assert.Equal(["r1"], await migrator.GetCurrentHeadIdsAsync());
    }

    [PgFact]
    public async Task A_batch_gives_up_after_the_retries_naming_the_revision_the_table_and_the_holder_and_resumes_later()
    {
        await using var pg = await TableAsync(300);
        await using var holder = await pg.ConnectAsync();
        await new NpgsqlCommand("SET application_name = 'nightly_report'", holder).ExecuteNonQueryAsync();
        var holderPid = await new NpgsqlCommand("SELECT pg_backend_pid()", holder).ExecuteScalarAsync();
        await using var held = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("UPDATE t SET n = 7 WHERE id = 175", holder, held).ExecuteNonQueryAsync();

        // The default policy but for a short wait budget (the default is two minutes).
        await using var database = Database.Open(pg.Url + "?lock_timeout=50ms", new PostgreSqlDialect(new PostgreSqlOptions { LockWaitBudget = TimeSpan.FromSeconds(12) }));
        var migrator = new Migrator(database, InlineScript.Single(op => op.Backfill("t", "n = n + 1", batching: Small)));
        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("Gave up a batch of revision r1", e.Message);
        Assert.Matches("on table \"t\" after [2-9] attempts over [0-9.]+ s \\(the lock wait budget is 12 s\\)", e.Message);
        Assert.Contains("lock timeout", e.Message);
        Assert.Contains($"server process {holderPid} (application 'nightly_report', idle in transaction", e.Message);
        Assert.Contains("RowExclusiveLock", e.Message);
        Assert.Contains("run upgrade again to resume", e.Message);
        // Nothing half-written: the batches before the locked row are committed with their checkpoint, not one row after.
        Assert.Equal(150L, await pg.ScalarAsync<long>("SELECT count(*) FROM t WHERE n = 1"));
        Assert.Equal(150L, await pg.ScalarAsync<long>("SELECT rows_done FROM retort_progress WHERE revision = 'r1'"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());

        await held.CommitAsync();
        await migrator.UpgradeAsync();
        Assert.Equal(299L, await pg.ScalarAsync<long>("SELECT count(*) FROM t WHERE n = 1"));
        Assert.Equal(8, await pg.ScalarAsync<int>("SELECT n FROM t WHERE id = 175"));
    }

    /// <summary>A database of the test's own with table t of <paramref name="rows"/> rows (n = 0); dropped when disposed.</summary>
    private static async Task<PgDatabase> TableAsync(int rows)
    {
        var pg = await PgDatabase.CreateAsync();
        await pg.ExecuteAsync($"CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, {rows})");
        return pg;
    }

    private static Task WaitForAsync(Func<bool> condition, Task migration, string what) => Wait.UntilAsync(condition, what, migration);

    private static Task WaitForAsync(Func<Task<bool>> condition, Task migration, string what) => Wait.UntilAsync(condition, what, migration);

    /// <summary>Collects the warnings the runner logs.</summary>
    private sealed class WarningLog : ILogger
    {
        private readonly List<string> _messages = [];

        public int Count { get { lock (_messages) return _messages.Count; } }

        public List<string> Messages { get { lock (_messages) return [.. _messages]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning) lock (_messages) _messages.Add(formatter(state, exception));
        }
    }
}
