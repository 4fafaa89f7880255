using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// Every upgrade and downgrade leaves a history row with its direction, duration and the revision's checksum, and a
/// revision edited after it was applied is found by that checksum. Each dialect derives from it.
/// </summary>
public abstract class HistorySpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static RevisionSet One(SqlType idType) =>
        new([new Revision(RevisionInfo.Create("r1", null, "table t"), new InlineScript(op => op.CreateTable("t", new Column("id", idType, primaryKey: true))))]);

    [SpecFact]
    public async Task History_records_direction_duration_and_checksum_and_edits_are_detected()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, One(SqlType.Integer));
        await migrator.UpgradeAsync();
        await migrator.DowngradeAsync("base");
        await migrator.UpgradeAsync();
        var history = await migrator.GetHistoryAsync();
        Assert.Equal(["upgrade", "downgrade", "upgrade"], history.Select(h => h.Direction));
        Assert.All(history, h => Assert.Equal("r1", h.Revision));
        Assert.All(history, h => Assert.NotNull(h.Duration));
        Assert.Equal(64, history[0].Checksum!.Length);
        Assert.Equal(history[0].Checksum, history[2].Checksum);
        Assert.Equal(3, await db.CountAsync("retort_history"));
        Assert.Empty(await migrator.FindEditedRevisionsAsync());

        var edited = new Migrator(db.Database, One(SqlType.BigInteger));
        var found = Assert.Single(await edited.FindEditedRevisionsAsync());
        Assert.Equal(("r1", history[2].Checksum), (found.Revision, found.AppliedChecksum));
        Assert.NotEqual(found.AppliedChecksum, found.CurrentChecksum);
    }
}
