using System.Diagnostics;
using Retort.Specification.Support;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// <see cref="MigratorOptions.SingleTransaction"/> on PostgreSQL only: a concurrent index step is refused, and each revision
/// records its own duration measured by the server. What it promises on every dialect is in SingleTransactionSpecification.
/// </summary>
[Collection(SerialCollection.Name)]
public class SingleTransactionTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static RevisionSet Chain(params Action<Op>[] upgrades) => new(upgrades.Select((up, i) =>
        new Revision(RevisionInfo.Create($"s{i + 1}", i == 0 ? null : $"s{i}", $"step {i + 1}"), new InlineScript(up))));

    [PgFact]
    public async Task A_concurrent_index_step_is_refused_before_anything_runs()
    {
        await using var database = db.Open();
        var migrator = new Migrator(database, Chain(
            op => op.CreateTable("st_indexed", new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.Text)),
            op => op.CreateIndex("ix_st_indexed_name", "st_indexed", ["name"], concurrently: true)),
            new MigratorOptions { SingleTransaction = true, VersionTable = "st_version", HistoryTable = "st_history" });

        var e = await Assert.ThrowsAsync<RetortException>(() => migrator.UpgradeAsync("head"));
        Assert.Contains("s2", e.Message);
        Assert.Contains("cannot run inside a transaction", e.Message);
        Assert.Null(await database.ReflectTableAsync("st_indexed"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
        // An offline script would commit halfway just the same: refused too, and nothing written.
        var script = new StringWriter();
        var offline = await Assert.ThrowsAsync<RetortException>(() => migrator.WriteScriptAsync(script, up: true, "head"));
        Assert.Contains("cannot run inside a transaction", offline.Message);
        Assert.Equal("", script.ToString());
    }

    [PgFact]
    public async Task Each_revision_of_one_transaction_records_its_own_duration_measured_by_the_server()
    {
        // The second revision waits for a lock for seconds (retried after lock_timeout); the first and third do not.
        // All three share one transaction, so their history rows must each hold their own time.
        await db.ExecuteAsync("CREATE TABLE st_queue (id integer PRIMARY KEY)");
        await using var holder = await db.HoldReadLockAsync("st_queue");

        await using var database = db.Open("lock_timeout=200ms");
        var migrator = new Migrator(database, Chain(
            op => op.CreateTable("st_before", new Column("id", SqlType.Integer, primaryKey: true)),
            op => op.AddColumn("st_queue", new Column("note", SqlType.Text)),
            op => op.CreateIndex("ix_st_queue_note", "st_queue", ["note"])),
            new MigratorOptions { SingleTransaction = true, VersionTable = "st_timed_version", HistoryTable = "st_timed_history" });
        var total = Stopwatch.StartNew();
        var migration = migrator.UpgradeAsync("head");
        await db.WaitForLockWaiterAsync("st_queue", migration);
        var held = Stopwatch.StartNew();
        await Task.Delay(3000);
        Assert.False(migration.IsCompleted, "the ALTER must wait while the other transaction holds its lock");
        await holder.ReleaseAsync();
        var waited = held.Elapsed;
        Assert.Equal(3, (await migration).Count);
        var run = total.Elapsed;

        // s2 began before its ALTER was seen waiting and ended after the release, so its own time holds the wait. Each
        // row holds its own time, not the transaction's so far: together they fit in the run (which three rows of the
        // time so far, each over the wait, would not). A little leeway for the two clocks' resolution.
        var history = (await migrator.GetHistoryAsync()).ToDictionary(h => h.Revision, h => h.Duration!.Value);
        var leeway = TimeSpan.FromMilliseconds(100);
        Assert.True(history["s2"] >= waited - leeway, $"s2 recorded {history["s2"].TotalMilliseconds} ms after waiting {waited.TotalMilliseconds:0} ms");
        var sum = history["s1"] + history["s2"] + history["s3"];
        Assert.True(sum <= run + leeway, $"s1, s2 and s3 recorded {sum.TotalMilliseconds} ms in all in a run of {run.TotalMilliseconds:0} ms");
        Assert.Equal(["s3"], await migrator.GetCurrentHeadIdsAsync());
    }
}
