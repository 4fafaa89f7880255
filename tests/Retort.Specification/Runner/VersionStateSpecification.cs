using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// The version table is checked against the history table and the revision graph before anything changes; edited
/// revisions are refused until accepted; a fresh database whose first revision fails keeps no Retort table. Each
/// dialect derives from it.
/// </summary>
public abstract class VersionStateSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static Revision Rev(string id, string? down, Action<Op> upgrade, Action<Op>? downgrade = null) =>
        new(RevisionInfo.Create(id, down, "revision " + id), new InlineScript(upgrade, downgrade));

    private static Action<Op> CreateT(SqlType idType) => op => op.CreateTable("t", new Column("id", idType, primaryKey: true));

    private static readonly Action<Op> AddA = op => op.AddColumn("t", new Column("a", SqlType.Integer));

    private static readonly Action<Op> AddB = op => op.AddColumn("t", new Column("b", SqlType.Integer));

    private static RevisionSet Chain(SqlType? firstIdType = null, bool third = true) => new([
        Rev("r1", null, CreateT(firstIdType ?? SqlType.Integer)),
        Rev("r2", "r1", AddA),
        .. third ? new[] { Rev("r3", "r2", AddB) } : [],
    ]);

    private static async Task<List<string>> TablesAsync(TestDatabase db) =>
        (await db.Database.ReflectAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> VersionRowsAsync(TestDatabase db) =>
        await db.RowsAsync("SELECT version_num FROM retort_version ORDER BY version_num");

    [SpecFact]
    public async Task A_fresh_database_whose_first_revision_fails_keeps_no_retort_table()
    {
        await using var db = await CreateDatabaseAsync();
        Action<Op> failing = op =>
        {
            op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true));
            op.Execute("INSERT INTO missing_table VALUES (1)");
        };
        await Assert.ThrowsAsync<MigrationFailedException>(() => new Migrator(db.Database, new([Rev("r1", null, failing)])).UpgradeAsync());
        Assert.Empty(await TablesAsync(db));

        // The same in a single transaction, and for a revision with a batched data step (it uses the progress table too).
        await Assert.ThrowsAsync<MigrationFailedException>(() =>
            new Migrator(db.Database, new([Rev("r1", null, failing)]), new MigratorOptions { SingleTransaction = true }).UpgradeAsync());
        Assert.Empty(await TablesAsync(db));
        Action<Op> failingData = op =>
        {
            op.Execute("INSERT INTO missing_table VALUES (1)");
            op.Backfill("t", "id = id");
        };
        await Assert.ThrowsAsync<MigrationFailedException>(() => new Migrator(db.Database, new([Rev("r1", null, failingData)])).UpgradeAsync());
        Assert.Empty(await TablesAsync(db));

        // A failure after a revision that committed keeps the tables and what they record.
        var second = new Migrator(db.Database, new([Rev("r1", null, CreateT(SqlType.Integer)), Rev("r2", "r1", op => op.Execute("INSERT INTO missing_table VALUES (1)"))]));
        await Assert.ThrowsAsync<MigrationFailedException>(() => second.UpgradeAsync());
        Assert.Equal(["r1"], await VersionRowsAsync(db));
        Assert.Contains("retort_history", await TablesAsync(db));
    }

    [SpecFact]
    public async Task A_dropped_or_emptied_version_table_is_refused_and_stamp_repairs_it()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Chain());
        await migrator.UpgradeAsync("r2");
        await db.ExecAsync("DROP TABLE retort_version");

        // Before the check, upgrade ran every revision again from base, failed on r1 and left an empty version table.
        var e = await Assert.ThrowsAsync<VersionTableMismatchException>(() => migrator.UpgradeAsync());
        Assert.Contains("missing or empty", e.Message);
        Assert.Contains("'retort stamp r2'", e.Message);
        Assert.Equal("retort stamp r2", e.RepairCommand);
        Assert.Equal(["r2"], e.History);
        await Assert.ThrowsAsync<VersionTableMismatchException>(() => migrator.DowngradeAsync("base"));
        await Assert.ThrowsAsync<VersionTableMismatchException>(() => migrator.ValidateAsync());
        Assert.DoesNotContain("retort_version", await TablesAsync(db)); // nothing changed
        Assert.Equal(2, await db.CountAsync("retort_history"));

        await migrator.StampAsync("r2");
        Assert.Equal(["r3"], (await migrator.UpgradeAsync()).Select(r => r.Revision.Id));
        Assert.Equal(["r3"], await VersionRowsAsync(db));

        // Emptied rather than dropped, and this time the database really lost everything: 'stamp base' says so.
        await db.ExecAsync("DELETE FROM retort_version");
        await db.ExecAsync("DROP TABLE t");
        Assert.Equal("retort stamp r3", (await Assert.ThrowsAsync<VersionTableMismatchException>(() => migrator.UpgradeAsync())).RepairCommand);
        Assert.Empty(await VersionRowsAsync(db));
        await migrator.StampAsync("base");
        Assert.Equal(["r1", "r2", "r3"], (await migrator.UpgradeAsync()).Select(r => r.Revision.Id));
        Assert.Empty(await migrator.FindEditedRevisionsAsync());
    }

    [SpecFact]
    public async Task A_version_table_holding_a_revision_and_its_descendant_is_refused_and_stamp_repairs_it()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Chain(third: false));
        await migrator.UpgradeAsync();
        await db.ExecAsync("INSERT INTO retort_version (version_num) VALUES ('r1')");

        // Before the check: "Nothing to do".
        var e = await Assert.ThrowsAsync<VersionTableMismatchException>(() => migrator.UpgradeAsync());
        Assert.Contains("r1 is an ancestor of r2", e.Message);
        Assert.Equal("retort stamp r2", e.RepairCommand);
        await Assert.ThrowsAsync<VersionTableMismatchException>(() => migrator.DowngradeAsync("-1"));
        Assert.Equal(["r1", "r2"], await VersionRowsAsync(db));

        await migrator.StampAsync("r2");
        Assert.Equal(["r2"], await VersionRowsAsync(db));
        Assert.Contains((await migrator.GetHistoryAsync()).Select(h => $"{h.Direction} {h.Revision}"), r => r == "unstamp r1");
        Assert.Empty(await migrator.UpgradeAsync());
        Assert.Equal(["r2"], (await migrator.DowngradeAsync("-1")).Select(r => r.Revision.Id));
        Assert.Equal(["r1"], await VersionRowsAsync(db));
    }

    [SpecFact]
    public async Task Stamp_takes_several_targets_and_the_history_follows_every_stamp()
    {
        await using var db = await CreateDatabaseAsync();
        var revisions = new RevisionSet([
            Rev("a1", null, CreateT(SqlType.Integer)),
            Rev("b1", "a1", AddA),
            Rev("c1", "a1", AddB),
            new Revision(new RevisionInfo("m1", ["b1", "c1"], [], [], "merge"), new InlineScript(_ => { })),
        ]);
        var migrator = new Migrator(db.Database, revisions);
        await migrator.StampAsync(["b1", "c1"]);
        Assert.Equal(["b1", "c1"], await VersionRowsAsync(db));
        await migrator.StampAsync("base");
        await migrator.StampAsync(["a1", "c1"]); // a1 is below c1: only c1 is recorded
        Assert.Equal(["c1"], await VersionRowsAsync(db));
        await migrator.ValidateAsync();
        await migrator.StampAsync("base");
        Assert.Empty(await VersionRowsAsync(db));
        await migrator.ValidateAsync(); // the history agrees: nothing applied
        Assert.Equal(["a1", "b1", "c1", "m1"], (await migrator.UpgradeAsync("heads")).Select(r => r.Revision.Id).Order(StringComparer.Ordinal));
    }

    [SpecFact]
    public async Task An_edited_revision_stops_upgrade_until_it_is_accepted()
    {
        await using var db = await CreateDatabaseAsync();
        await new Migrator(db.Database, Chain(third: false)).UpgradeAsync();
        var applied = (await new Migrator(db.Database, Chain()).GetHistoryAsync()).First(h => h.Revision == "r1").Checksum;

        var edited = new Migrator(db.Database, Chain(SqlType.BigInteger));
        var found = Assert.Single(await edited.FindEditedRevisionsAsync());
        Assert.Equal(("r1", "test", applied), (found.Revision, found.Source, found.AppliedChecksum));
        Assert.NotEqual(applied, found.CurrentChecksum);

        // Before the check, r3 ran on top of a database built by another r1.
        var e = await Assert.ThrowsAsync<EditedRevisionsException>(() => edited.UpgradeAsync());
        Assert.Contains("r1 (test)", e.Message);
        Assert.Contains("'retort accept r1'", e.Message);
        Assert.Equal(["r2"], await VersionRowsAsync(db));
        Assert.Equal(["id", "a"], (await db.Database.ReflectTableAsync("t"))!.Columns.Select(c => c.Name));
        await Assert.ThrowsAsync<EditedRevisionsException>(() => edited.ValidateAsync());

        await Assert.ThrowsAsync<RetortException>(() => edited.AcceptEditsAsync(["r2"])); // r2 is not edited
        Assert.Equal("r1", Assert.Single(await edited.AcceptEditsAsync(["r1"])).Revision);
        var last = (await edited.GetHistoryAsync())[^1];
        Assert.Equal(("r1", "accept", found.CurrentChecksum), (last.Revision, last.Direction, last.Checksum));
        Assert.Empty(await edited.FindEditedRevisionsAsync());
        Assert.Equal(["r3"], (await edited.UpgradeAsync()).Select(r => r.Revision.Id));

        // The original r1 is now the edit; downgrading through it forgets what was recorded, so nothing is edited.
        var original = new Migrator(db.Database, Chain());
        Assert.Equal("r1", Assert.Single(await original.FindEditedRevisionsAsync()).Revision);
        await original.DowngradeAsync("base");
        Assert.Empty(await original.FindEditedRevisionsAsync());
        Assert.Equal(3, (await original.UpgradeAsync()).Count);
        Assert.Empty(await original.AcceptEditsAsync());
    }
}
