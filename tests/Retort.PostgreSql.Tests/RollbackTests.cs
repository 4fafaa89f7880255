using System.Reflection;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

public class RollbackTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [PgFact]
    public async Task A_failing_revision_rolls_back_its_schema_data_and_version_rows()
    {
        var revisions = new RevisionSet(RevisionSet.Discover(Assembly.GetExecutingAssembly())
            .Where(r => r.Script.Source.StartsWith("Retort.PostgreSql.Tests.Revisions.Failing.", StringComparison.Ordinal)));
        await using var database = db.Open();
        var migrator = new Migrator(database, revisions);
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.Equal("f2", e.RevisionId);
        Assert.Contains("no_such_table", e.Message);
        Assert.Contains("INSERT INTO no_such_table", e.Message);

        Assert.Equal(["f1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(["f1"], (await migrator.GetHistoryAsync()).Select(h => h.Revision));
        Assert.Null(await database.ReflectTableAsync("doomed"));
        var kept = await database.ReflectTableAsync("kept");
        Assert.Null(kept!.FindColumn("extra"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM kept"));
    }
}
