using Retort.Connections;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// The version table holds one row per head: through branches and merges, upgrades and downgrades; a bad target or
/// several heads change nothing (not even Retort's own tables); an irreversible downgrade stops before it starts; runs
/// at the same time apply each revision once. Each dialect derives from it.
/// </summary>
public abstract class VersionRowSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static Revision Rev(string id, string? down, Action<Op> upgrade, Action<Op>? downgrade = null) =>
        new(RevisionInfo.Create(id, down, id), new InlineScript(upgrade, downgrade));

    private static RevisionSet Branched() => new([
        Rev("a1", null, op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true))),
        Rev("b1", "a1", op => op.AddColumn("t", new Column("b", SqlType.Integer))),
        Rev("c1", "a1", op => op.AddColumn("t", new Column("c", SqlType.Integer))),
        new Revision(new RevisionInfo("m1", ["b1", "c1"], [], [], "merge"), new InlineScript(_ => { })),
    ]);

    private static Task<List<string>> VersionRowsAsync(TestDatabase db) => db.RowsAsync("SELECT version_num FROM retort_version ORDER BY version_num");

    /// <summary>A chain r1, r2, … each built from one lambda.</summary>
    private static RevisionSet Chain(params Action<Op>[] upgrades) =>
        new(upgrades.Select((u, i) => Rev($"r{i + 1}", i == 0 ? null : $"r{i}", u)));

    [SpecFact]
    public async Task Version_table_keeps_one_row_per_head_through_branches_and_merge()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Branched());
        await migrator.UpgradeAsync("b1");
        Assert.Equal(["b1"], await VersionRowsAsync(db));
        await migrator.UpgradeAsync("c1");
        Assert.Equal(["b1", "c1"], await VersionRowsAsync(db));
        await migrator.UpgradeAsync("head");
        Assert.Equal(["m1"], await VersionRowsAsync(db));
        await migrator.DowngradeAsync("-1");
        Assert.Equal(["b1", "c1"], await VersionRowsAsync(db));
        await migrator.DowngradeAsync("base");
        Assert.Empty(await VersionRowsAsync(db));
        Assert.Null(await db.Database.ReflectTableAsync("t"));
    }

    [SpecFact]
    public async Task Errors_for_targets_and_multiple_heads_change_nothing()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, new([
            Rev("a1", null, op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true))),
            Rev("b1", "a1", _ => { }),
            Rev("c1", "a1", _ => { }),
        ]));
        await Assert.ThrowsAsync<MultipleHeadsException>(() => migrator.UpgradeAsync("head"));
        await Assert.ThrowsAsync<UnknownRevisionException>(() => migrator.UpgradeAsync("nope"));
        await Assert.ThrowsAsync<UnknownRevisionException>(() => migrator.StampAsync("nope"));
        Assert.Empty(await db.Database.ReflectAsync()); // not even Retort's own tables were created
        await migrator.UpgradeAsync("heads");
        Assert.Equal(["b1", "c1"], (await migrator.GetCurrentAsync()).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["b1", "c1"], await VersionRowsAsync(db));
    }

    [SpecFact]
    public async Task Irreversible_operations_stop_a_downgrade_before_it_starts()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Chain(
            op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true), new Column("x", SqlType.Integer)),
            op => op.DropColumn("t", "x")));
        await migrator.UpgradeAsync();
        var e = await Assert.ThrowsAsync<Retort.Operations.IrreversibleOperationException>(() => migrator.DowngradeAsync("base"));
        Assert.StartsWith("Cannot downgrade revision r2 (", e.Message);
        Assert.Equal("r2", e.RevisionId);
        Assert.Equal(["r2"], await VersionRowsAsync(db));
    }

    [SpecTheory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Concurrent_runs_apply_each_revision_once(int runners)
    {
        await using var db = await CreateDatabaseAsync();
        await db.ExecAsync("CREATE TABLE applied (rev VARCHAR(10))");
        var revisions = Chain(Enumerable.Range(1, 8).Select(i => (Action<Op>)(op =>
        {
            op.Execute("INSERT INTO applied VALUES (@r)", new { r = "r" + i });
            op.CreateTable("t" + i, new Column("id", SqlType.Integer, primaryKey: true));
        })).ToArray());
        // Every run opens the database itself, as separate deploys would.
        var runs = await Task.WhenAll(Enumerable.Range(0, runners).Select(_ => Task.Run(async () =>
        {
            await using var own = Database.Open(db.Url);
            return await new Migrator(own, revisions).UpgradeAsync();
        })));
        Assert.Equal(8, runs.SelectMany(r => r).Count(r => !r.Skipped));
        Assert.Equal(8, await db.CountAsync("applied"));
        Assert.Equal(8, await db.CountAsync("(SELECT DISTINCT rev FROM applied) d"));
        Assert.Equal(["r8"], await VersionRowsAsync(db));
    }
}
