using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A revision with a step that must run outside any transaction (CREATE INDEX CONCURRENTLY) records its progress
/// step by step: when a later step fails, the run again resumes after the committed steps instead of repeating
/// them (which would fail on the table that already exists).
/// </summary>
public sealed class ResumeAfterConcurrentStepTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static RevisionSet Revisions(string lastStep) => new([new Revision(RevisionInfo.Create("c1", null, "with a concurrent index"),
        new InlineScript(op =>
        {
            op.CreateTable("orders", new Column("id", SqlType.Integer, primaryKey: true), new Column("ref", SqlType.Text));
            op.CreateIndex("ix_orders_ref", "orders", ["ref"], concurrently: true);
            op.Execute(lastStep);
        }, op => op.DropTable("orders")))]);

    [PgFact]
    public async Task A_failure_after_a_concurrent_step_resumes_after_it()
    {
        await using var database = db.Open();
        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() => new Migrator(database, Revisions("INSERT INTO missing VALUES (1)")).UpgradeAsync());
        Assert.True(failed.PartlyApplied);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_orders_ref'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM retort_version"));

        var migrator = new Migrator(database, Revisions("INSERT INTO orders (id, ref) VALUES (1, 'a')"));
        var runs = await migrator.UpgradeAsync();
        Assert.Equal("c1", Assert.Single(runs).Revision.Id);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM orders"));
        Assert.Equal(["c1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Empty(await migrator.GetInProgressAsync());
    }
}
