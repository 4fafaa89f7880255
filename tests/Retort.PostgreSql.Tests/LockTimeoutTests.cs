using System.Diagnostics;
using Npgsql;
using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

[Collection(SerialCollection.Name)]
public class LockTimeoutTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    /// <summary>How far the runner's and this test's clocks may disagree in measuring the same interval (their resolution).</summary>
    private static readonly TimeSpan Leeway = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the readers below may wait for a lock. A wait for a lock ends on the server's timer, not on how fast the
    /// machine is, so this can sit well between the migration's lock_timeout (at most 300 ms here) and the waits a reader
    /// would see if the migration queued for its lock longer (a lock_timeout of seconds) or until the holder commits.
    /// </summary>
    private const string ReaderLockTimeout = "3s";

    /// <summary>Reads <paramref name="table"/> on a new connection, failing if it waits for a lock longer than <see cref="ReaderLockTimeout"/>.</summary>
    private async Task ReadAsync(string table)
    {
        await using var reader = await db.ConnectAsync();
        var limit = (int)TestProcess.Scaled(TimeSpan.FromSeconds(60)).TotalMilliseconds;
        await new NpgsqlCommand($"SET lock_timeout = '{ReaderLockTimeout}'; SET statement_timeout = '{limit}ms'", reader).ExecuteNonQueryAsync();
        try
        {
            await new NpgsqlCommand($"SELECT count(*) FROM {table}", reader).ExecuteScalarAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled)
        {
            Assert.Fail($"a reader of {table} waited over {ReaderLockTimeout} behind the migration: {e.MessageText}");
        }
    }

    [PgFact]
    public async Task An_alter_behind_a_long_transaction_times_out_and_retries_without_blocking_readers()
    {
        await db.ExecuteAsync("CREATE TABLE busy (id integer PRIMARY KEY); INSERT INTO busy SELECT generate_series(1, 100)");
        await using var holder = await db.HoldReadLockAsync("busy");

        await using var database = db.Open("lock_timeout=300ms");
        var migration = database.ApplyAsync([new AddColumnOperation("busy", new Column("note", SqlType.Text))]);
        await db.WaitForLockWaiterAsync("busy", migration);

        // While the migration keeps retrying, other sessions' queries still get through: the ALTER never waits in the
        // lock queue longer than its lock_timeout, so no reader waits longer either.
        for (var read = 0; read < 30; read++)
        {
            await ReadAsync("busy");
            Assert.False(migration.IsCompleted, "the ALTER must not succeed while the other transaction holds its lock");
            await Task.Delay(100);
        }

        await holder.ReleaseAsync();
        await migration;
        Assert.NotNull((await database.ReflectTableAsync("busy"))!.FindColumn("note"));
    }

    [PgFact]
    public async Task A_revision_sent_as_one_batch_is_rolled_back_and_sent_again_and_records_its_real_duration()
    {
        // The revision's statements and its version and history rows travel as one batch; the middle statement waits
        // for a lock. The batch is rolled back to its savepoint and sent again: the table created before the wait
        // exists once, the index after it is built, and the history row holds the time the database spent, waits included.
        await db.ExecuteAsync("CREATE TABLE queue (id integer PRIMARY KEY); INSERT INTO queue SELECT generate_series(1, 10)");
        await using var holder = await db.HoldReadLockAsync("queue");

        await using var database = db.Open("lock_timeout=200ms");
        var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("b1", null, "batched"), new InlineScript(op =>
        {
            op.CreateTable("before_wait", new Column("id", SqlType.Integer, primaryKey: true));
            op.AddColumn("queue", new Column("note", SqlType.Text));
            op.CreateIndex("ix_queue_note", "queue", ["note"]);
        }))]));
        var total = Stopwatch.StartNew();
        var migration = migrator.UpgradeAsync();
        await db.WaitForLockWaiterAsync("queue", migration);
        // Held past several lock timeouts: the batch is rolled back and sent again, more than once.
        var held = Stopwatch.StartNew();
        await Task.Delay(1200);
        Assert.False(migration.IsCompleted, "the ALTER must wait while the other transaction holds its lock");
        await holder.ReleaseAsync();
        var waited = held.Elapsed;
        Assert.Equal("b1", Assert.Single(await migration).Revision.Id);
        var run = total.Elapsed;

        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'before_wait'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_queue_note'"));
        // The revision began before its ALTER was seen waiting and ended after the release: its recorded time holds the
        // wait, and no more than the whole run (both clocks are this machine's; a little leeway for their resolution).
        var duration = Assert.Single(await migrator.GetHistoryAsync()).Duration!.Value;
        Assert.True(duration >= waited - Leeway, $"recorded {duration.TotalMilliseconds} ms for a revision that waited {waited.TotalMilliseconds:0} ms");
        Assert.True(duration <= run + Leeway, $"recorded {duration.TotalMilliseconds} ms in a run of {run.TotalMilliseconds:0} ms");
        Assert.Equal(["b1"], await migrator.GetCurrentHeadIdsAsync());
    }

    [PgFact]
    public async Task Between_attempts_a_waiting_revision_holds_none_of_the_locks_its_earlier_statements_took()
    {
        // The revision first alters 'open_door' (an ACCESS EXCLUSIVE lock, granted at once), then waits for 'held_door',
        // which another transaction holds. Between attempts the revision is rolled back to its savepoint, so
        // 'open_door' is free again: its readers wait at most one lock_timeout, not until 'held_door' is released.
        await db.ExecuteAsync("CREATE TABLE open_door (id integer PRIMARY KEY); CREATE TABLE held_door (id integer PRIMARY KEY)");
        await using var holder = await db.HoldReadLockAsync("held_door");

        await using var database = db.Open("lock_timeout=200ms");
        var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("d1", null, "two doors"), new InlineScript(op =>
        {
            op.AddColumn("open_door", new Column("note", SqlType.Text));
            op.AddColumn("held_door", new Column("note", SqlType.Text));
        }))]), new MigratorOptions { VersionTable = "door_version", HistoryTable = "door_history", ProgressTable = "door_progress" });
        var migration = migrator.UpgradeAsync();
        await db.WaitForLockWaiterAsync("held_door", migration);
        // Readers of open_door wait at most one lock_timeout; a revision that kept open_door locked between attempts
        // would hold them until held_door is released, after the last read.
        for (var read = 0; read < 40; read++)
        {
            await ReadAsync("open_door");
            await Task.Delay(50);
        }
        if (migration.IsCompleted) await migration;   // surfaces a failure
        Assert.False(migration.IsCompleted, "the revision must keep waiting for held_door");

        await holder.ReleaseAsync();
        await migration;
        Assert.NotNull((await database.ReflectTableAsync("open_door"))!.FindColumn("note"));
        Assert.NotNull((await database.ReflectTableAsync("held_door"))!.FindColumn("note"));
    }

    [PgFact]
    public async Task Statement_text_holding_several_statements_is_retried_from_its_first_DDL_statement()
    {
        // op.Execute("SET LOCAL ...; ALTER TABLE ...") is two commands; the ALTER waits for a lock and is retried,
        // while the SET before it ran once and still holds.
        await db.ExecuteAsync("CREATE TABLE multi_door (id integer PRIMARY KEY)");
        await using var holder = await db.HoldReadLockAsync("multi_door");

        await using var database = db.Open();
        var migrator = new Migrator(database, new RevisionSet([new Revision(RevisionInfo.Create("m1", null, "multi"), new InlineScript(op =>
            op.Execute("SET LOCAL lock_timeout = '150ms'; ALTER TABLE multi_door ADD COLUMN note text; COMMENT ON TABLE multi_door IS 'two; parts'")))]),
            new MigratorOptions { VersionTable = "multi_version", HistoryTable = "multi_history" });
        var migration = migrator.UpgradeAsync();
        await db.WaitForLockWaiterAsync("multi_door", migration);
        await Task.Delay(1200); // several lock timeouts: the ALTER is retried while the SET before it still holds
        if (migration.IsCompleted) await migration;   // surfaces a failure
        Assert.False(migration.IsCompleted, "the ALTER must wait while the other transaction holds its lock");
        await holder.ReleaseAsync();
        await migration;
        Assert.NotNull((await database.ReflectTableAsync("multi_door"))!.FindColumn("note"));
        Assert.Equal("two; parts", await db.ScalarAsync<string>("SELECT obj_description('multi_door'::regclass, 'pg_class')"));
    }

    [PgFact]
    public async Task The_lock_timeout_is_applied_to_every_connection_and_can_be_set_in_the_url()
    {
        await using var byDefault = db.Open();
        await using (var c = await byDefault.OpenConnectionAsync())
            Assert.Equal("500ms", await new NpgsqlCommand("SHOW lock_timeout", (NpgsqlConnection)c).ExecuteScalarAsync());
        await using var fromUrl = db.Open("lock_timeout=2s&statement_timeout=30s");
        await using (var c = await fromUrl.OpenConnectionAsync())
        {
            Assert.Equal("2s", await new NpgsqlCommand("SHOW lock_timeout", (NpgsqlConnection)c).ExecuteScalarAsync());
            Assert.Equal("30s", await new NpgsqlCommand("SHOW statement_timeout", (NpgsqlConnection)c).ExecuteScalarAsync());
        }
    }
}
