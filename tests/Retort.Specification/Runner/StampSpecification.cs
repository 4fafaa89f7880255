using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// Stamp sets the version table without running a revision; a version row no script defines is refused until a stamp
/// with purge clears it. Stamps of several targets and stamps that repair the version table are in
/// <see cref="VersionStateSpecification{TFactory}"/>. Each dialect derives from it.
/// </summary>
public abstract class StampSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static Revision Rev(string id, string? down, Action<Op> upgrade) => new(RevisionInfo.Create(id, down, id), new InlineScript(upgrade));

    private static RevisionSet Branched() => new([
        Rev("a1", null, op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true))),
        Rev("b1", "a1", op => op.AddColumn("t", new Column("b", SqlType.Integer))),
        Rev("c1", "a1", op => op.AddColumn("t", new Column("c", SqlType.Integer))),
        new Revision(new RevisionInfo("m1", ["b1", "c1"], [], [], "merge"), new InlineScript(_ => { })),
    ]);

    [SpecFact]
    public async Task Stamp_sets_heads_without_running_and_purge_clears_unknown_ones()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Branched());
        await migrator.StampAsync("heads");
        Assert.Equal(["m1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Null(await db.Database.ReflectTableAsync("t"));
        Assert.Equal(["stamp m1"], (await migrator.GetHistoryAsync()).Select(h => $"{h.Direction} {h.Revision}"));

        await db.ExecAsync("INSERT INTO retort_version (version_num) VALUES ('zzz')");
        var e = await Assert.ThrowsAsync<UnknownAppliedRevisionException>(() => migrator.GetCurrentAsync());
        Assert.Contains("zzz", e.Message);
        await Assert.ThrowsAsync<UnknownAppliedRevisionException>(() => migrator.UpgradeAsync());
        Assert.Null(await db.Database.ReflectTableAsync("t"));

        await migrator.StampAsync("b1", purge: true);
        Assert.Equal(["b1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Equal(["b1"], await db.RowsAsync("SELECT version_num FROM retort_version"));
    }
}
