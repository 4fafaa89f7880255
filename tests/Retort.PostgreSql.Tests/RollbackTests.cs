using System.Reflection;
using Retort.Specification.Support;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
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

    [PgFact]
    public async Task A_commit_refused_by_a_deferred_constraint_names_the_revision_and_keeps_the_ones_before()
    {
        // The revision's statements all succeed; PostgreSQL refuses its COMMIT (the foreign key is checked at commit).
        // The commit travels with the revision's statements, so this is where the failure surfaces.
        await using var database = db.Open();
        var revisions = new RevisionSet([
            new Revision(RevisionInfo.Create("d1", null, "tables"), new InlineScript(op => op.Execute(
                "CREATE TABLE deferred_parent (id integer PRIMARY KEY); " +
                "CREATE TABLE deferred_child (parent_id integer REFERENCES deferred_parent DEFERRABLE INITIALLY DEFERRED)"),
                op => op.Execute("DROP TABLE deferred_child; DROP TABLE deferred_parent"))),
            new Revision(RevisionInfo.Create("d2", "d1", "orphan"), new InlineScript(op => op.Execute("INSERT INTO deferred_child VALUES (42)"))),
        ]);
        var migrator = new Migrator(database, revisions, new MigratorOptions { VersionTable = "deferred_version", HistoryTable = "deferred_history" });

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.True(e.RevisionId == "d2", e.Message);
        Assert.Contains("deferred_child", e.Message);
        Assert.Equal(["d1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(["d1"], (await migrator.GetHistoryAsync()).Select(h => h.Revision));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM deferred_child"));
        // The failed run left nothing behind: the next one runs (its statement text holds two statements, too).
        Assert.Equal("d1", Assert.Single(await migrator.DowngradeAsync("base")).Revision.Id);
        Assert.Null(await database.ReflectTableAsync("deferred_parent"));
    }
}
