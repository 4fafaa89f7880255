using Retort.Connections;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Upgrade_and_downgrade_a_chain()
    {
        await using var db = new TempDatabase();
        var revisions = Rev.Chain(
            op => op.CreateTable("users", new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(50))),
            op => op.AddColumn("users", new Column("email", SqlType.String(100))),
            op => op.AlterColumn("users", "name", newColumnName: "full_name"));
        var migrator = new Migrator(db.Database, revisions);
        var runs = await migrator.UpgradeAsync("head");
        Assert.Equal(["r1", "r2", "r3"], runs.Select(r => r.Revision.Id));
        Assert.Equal(["r3"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        var table = await db.Database.ReflectTableAsync("users");
        Assert.Equal(["id", "full_name", "email"], table!.Columns.Select(c => c.Name));
        await migrator.DowngradeAsync("base");
        Assert.Null(await db.Database.ReflectTableAsync("users"));
        Assert.Empty(await migrator.GetCurrentAsync());
    }
}
