using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Data;

/// <summary>
/// A data revision that failed part way (batches committed, the revision not recorded) is never left behind: a
/// downgrade below it or an upgrade onto a half-downgraded revision is refused, naming it and the ways out; it can be
/// finished, undone, or forgotten (its file gone); a stamp settles it; and an atomic data step leaves no partial
/// state at all. Each dialect derives from it.
/// </summary>
public abstract class PartialRevisionSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private const int Rows = 600;

    private static BatchOptions Small => new() { BatchSize = 50, TargetBatchDuration = null };

    private async Task<TestDatabase> ItemsAsync()
    {
        var db = await CreateDatabaseAsync();
        await DataFixtures.CreateItemsAsync(db, Rows);
        return db;
    }

    private static Revision Marker() => new(RevisionInfo.Create("r0", null, "marker"),
        new InlineScript(op => op.CreateTable("marker", new Column("id", SqlType.Integer))));

    /// <summary>r1 copies items into items_copy through C#; the transformation throws past <paramref name="failPast"/> (its id) while it returns true.</summary>
    private static Revision Copy(Func<bool> failing, long failPast = 3 * 300, bool atomic = false) => new(RevisionInfo.Create("r1", "r0", "copy items"),
        new InlineScript(op =>
        {
            op.CreateTable("items_copy", new Column("id", SqlType.BigInteger, primaryKey: true), new Column("data_upper", SqlType.Text, nullable: false));
            op.Transform<Item, ItemCopy>("items", "items_copy",
                i => failing() && i.Id > failPast ? throw new InvalidOperationException($"cannot copy item {i.Id}") : new ItemCopy(i.Id, i.Data.ToUpperInvariant()),
                batching: Small, atomic: atomic);
            op.Backfill("items", "counter = counter + 1", reverseSet: "counter = counter - 1", batching: Small, atomic: atomic);
        }, op =>
        {
            op.Backfill("items", "counter = 0", batching: Small);
            op.DropTable("items_copy");
        }));

    private static async Task<bool> TableExistsAsync(TestDatabase db, string name) => await db.Database.ReflectTableAsync(name) is not null;

    private static async Task FailPartWayAsync(Migrator migrator)
    {
        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.True(failed.PartlyApplied, failed.Message);
        Assert.Equal(["r0"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Contains(await migrator.GetInProgressAsync(), p => p.Revision == "r1" && p.Direction == "upgrade" && p.RowsDone > 0);
    }

    [SpecFact]
    public async Task A_downgrade_below_a_partly_applied_revision_is_refused_and_undo_takes_it_back_to_its_parent()
    {
        await using var db = await ItemsAsync();
        var migrator = new Migrator(db.Database, new RevisionSet([Marker(), Copy(() => true)]));
        await FailPartWayAsync(migrator);
        var copied = await db.CountAsync("items_copy");
        Assert.InRange(copied, 1, Rows - 1);

        var refused = await Assert.ThrowsAsync<PartlyAppliedRevisionException>(() => migrator.DowngradeAsync("-1"));
        Assert.Equal("r1", refused.RevisionId);
        Assert.Contains("Revision r1 is partly applied: its upgrade stopped part way (", refused.Message);
        Assert.Contains("this downgrade would undo the revisions below it", refused.Message);
        Assert.Contains("'retort resolve r1 --finish'", refused.Message);
        Assert.Contains("'retort resolve r1 --undo'", refused.Message);
        Assert.Contains("'retort resolve r1 --forget'", refused.Message);
        Assert.True(await TableExistsAsync(db, "marker"));
        Assert.Equal(["r0"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(copied, await db.CountAsync("items_copy"));

        var undone = await migrator.UndoPartialAsync("r");
        Assert.Equal(("r1", "downgrade"), (undone.Revision.Id, undone.Direction));
        Assert.False(await TableExistsAsync(db, "items_copy"));
        Assert.Equal(0, await db.CountAsync("items WHERE counter <> 0"));
        Assert.Empty(await migrator.GetInProgressAsync());
        Assert.Equal(["r0"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal("undo", (await migrator.GetHistoryAsync())[^1].Direction);

        await migrator.DowngradeAsync("-1");
        Assert.False(await TableExistsAsync(db, "marker"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
    }

    [SpecFact]
    public async Task Finish_runs_the_rest_from_the_checkpoint_and_records_the_revision()
    {
        await using var db = await ItemsAsync();
        var failing = true;
        var migrator = new Migrator(db.Database, new RevisionSet([Marker(), Copy(() => failing)]));
        await FailPartWayAsync(migrator);
        failing = false;
        var run = await migrator.FinishPartialAsync("r1");
        Assert.Equal(("r1", "upgrade"), (run.Revision.Id, run.Direction));
        Assert.Equal(Rows, await db.CountAsync("items_copy"));
        Assert.Equal(Rows, await db.CountAsync("items WHERE counter = 1"));
        Assert.Equal(["r1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Empty(await migrator.GetInProgressAsync());
        var e = await Assert.ThrowsAsync<RetortException>(() => migrator.FinishPartialAsync("r1"));
        Assert.Contains("No revision is partly applied", e.Message);
    }

    [SpecFact]
    public async Task A_partly_applied_revision_whose_file_is_gone_is_reported_refused_and_forgotten()
    {
        await using var db = await ItemsAsync();
        await FailPartWayAsync(new Migrator(db.Database, new RevisionSet([Marker(), Copy(() => true)])));
        var withoutFile = new Migrator(db.Database, new RevisionSet([Marker()]));
        Assert.Contains(await withoutFile.GetInProgressAsync(), p => p.Revision == "r1");
        var refused = await Assert.ThrowsAsync<PartlyAppliedRevisionException>(() => withoutFile.DowngradeAsync("base"));
        Assert.Contains("no revision file defines it", refused.Message);
        Assert.Contains("'retort resolve r1 --forget'", refused.Message);
        var cannot = await Assert.ThrowsAsync<RetortException>(() => withoutFile.UndoPartialAsync("r1"));
        Assert.Contains("No revision file defines r1", cannot.Message);
        Assert.True(await TableExistsAsync(db, "marker"));

        // Undone by hand, then forgotten.
        await db.ExecAsync("DROP TABLE items_copy");
        Assert.Equal("r1", await withoutFile.ForgetPartialAsync("r1"));
        Assert.Empty(await withoutFile.GetInProgressAsync());
        Assert.Equal("forget", (await withoutFile.GetHistoryAsync())[^1].Direction);
        await withoutFile.DowngradeAsync("base");
        Assert.False(await TableExistsAsync(db, "marker"));
    }

    [SpecFact]
    public async Task A_stamp_settles_a_partly_applied_revision_and_a_purge_empties_the_progress_table()
    {
        await using var db = await ItemsAsync();
        var migrator = new Migrator(db.Database, new RevisionSet([Marker(), Copy(() => true)]));
        await FailPartWayAsync(migrator);
        await migrator.StampAsync("r0");
        Assert.NotEmpty(await migrator.GetInProgressAsync());
        // Finished by hand, then recorded as applied: its progress rows mean nothing any more.
        await migrator.StampAsync("r1");
        Assert.Empty(await migrator.GetInProgressAsync());

        await migrator.StampAsync("r0");
        await db.ExecAsync("DROP TABLE items_copy");
        await FailPartWayAsync(migrator);
        await migrator.StampAsync("base", purge: true);
        Assert.Equal(0, await db.CountAsync("retort_progress"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
    }

    [SpecFact]
    public async Task An_upgrade_onto_a_partly_downgraded_revision_is_refused_and_finish_completes_the_downgrade()
    {
        await using var db = await ItemsAsync();
        var revisions = new RevisionSet([
            new Revision(RevisionInfo.Create("r1", null, "fill data_upper"), new InlineScript(
                op => op.Backfill("items", "data_upper = upper(data)", batching: Small),
                // Fails on the row whose data is 'boom' (NOT NULL), after the batches before it committed.
                op => op.Backfill("items", "data_upper = NULL, counter = CASE WHEN data = 'boom' THEN NULL ELSE counter END", batching: Small))),
            new Revision(RevisionInfo.Create("r2", "r1", "marker"), new InlineScript(op => op.CreateTable("marker", new Column("id", SqlType.Integer)))),
        ]);
        var migrator = new Migrator(db.Database, revisions);
        await migrator.UpgradeAsync("r1");
        await db.ExecAsync("UPDATE items SET data = 'boom' WHERE id = 901");
        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.DowngradeAsync("base"));
        Assert.True(failed.PartlyApplied);
        Assert.Equal(["r1"], await migrator.GetCurrentHeadIdsAsync());

        var refused = await Assert.ThrowsAsync<PartlyAppliedRevisionException>(() => migrator.UpgradeAsync("head"));
        Assert.Contains("Revision r1 is partly applied: its downgrade stopped part way (", refused.Message);
        Assert.Contains("this upgrade would build on it", refused.Message);
        Assert.False(await TableExistsAsync(db, "marker"));

        await db.ExecAsync("UPDATE items SET data = 'fixed' WHERE id = 901");
        await migrator.FinishPartialAsync("r1");
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(0, await db.CountAsync("items WHERE data_upper IS NOT NULL"));
        Assert.Empty(await migrator.GetInProgressAsync());
    }

    [SpecFact]
    public async Task An_atomic_data_step_fails_whole_with_its_revision_and_otherwise_runs_in_the_revision_transaction()
    {
        await using var db = await ItemsAsync();
        var failing = true;
        var migrator = new Migrator(db.Database, new RevisionSet([Marker(), Copy(() => failing, atomic: true)]));
        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.False(failed.PartlyApplied);
        Assert.True(failed.Message.Contains("cannot copy item"), failed.Message);
        Assert.Equal(["r0"], await migrator.GetCurrentHeadIdsAsync());
        Assert.False(await TableExistsAsync(db, "items_copy"));
        Assert.Empty(await migrator.GetInProgressAsync());

        failing = false;
        var runs = await new Migrator(db.Database, migrator.Revisions, new MigratorOptions { SingleTransaction = true }).UpgradeAsync();
        Assert.Equal("r1", Assert.Single(runs).Revision.Id);
        Assert.Equal(Rows, await db.CountAsync("items_copy"));
        Assert.Equal(Rows, await db.CountAsync("items WHERE counter = 1"));
        // No step of the revision committed on its own: nothing is left in the progress table.
        Assert.Empty(await db.QueryAsync("SELECT * FROM retort_progress"));
    }
}
