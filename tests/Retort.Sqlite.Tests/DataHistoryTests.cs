using Retort.Specification.Support;
using Retort.Specification.Data;
using Retort.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The history table of an older Retort gains the nullable rows column the first time a data revision is recorded.</summary>
public sealed class DataHistoryTests
{
    [Fact]
    public async Task An_old_history_table_gets_the_rows_column_and_keeps_its_rows()
    {
        await using var db = new TempDatabase();
        await DataFixtures.CreateItemsAsync(db, 300);
        await new Migrator(db.Database, InlineScript.Single(op => op.Execute("SELECT 1", reverseSql: "SELECT 1"))).UpgradeAsync();
        await db.ExecAsync("ALTER TABLE retort_history DROP COLUMN rows_affected");
        var revisions = new Retort.Migrations.RevisionSet([
            new Retort.Migrations.Revision(Retort.Revisions.RevisionInfo.Create("r1", null, "plain"), new InlineScript(op => op.Execute("SELECT 1", reverseSql: "SELECT 1"))),
            new Retort.Migrations.Revision(Retort.Revisions.RevisionInfo.Create("r2", "r1", "data"), new InlineScript(op => op.Backfill("items", "counter = 1", batchSize: 100))),
        ]);
        var migrator = new Migrator(db.Database, revisions);
        await migrator.UpgradeAsync();
        var history = await migrator.GetHistoryAsync();
        Assert.Equal([null, 300L], history.Select(h => h.Rows));
    }
}
