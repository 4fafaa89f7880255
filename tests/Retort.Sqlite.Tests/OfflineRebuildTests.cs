using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// An offline script rebuilds a table from the shape the earlier revisions gave it. Where raw SQL changed that table,
/// the script cannot know its shape and is refused before anything is written; otherwise the script, run by
/// <c>sqlite3</c>, leaves what the online run leaves.
/// </summary>
public sealed class OfflineRebuildTests
{
    private static Revision CreateItems => Rev.Of("r1", null, op => op.CreateTable("items",
        new Column("id", SqlType.Integer, primaryKey: true),
        new Column("name", SqlType.String(20)),
        new Column("price", SqlType.Text),
        new CheckConstraint("name <> ''", "ck_items_name"),
        new TableIndex("ix_items_name", "name") { Where = "name IS NOT NULL" }));

    private static Revision RetypePrice(string id, string down) =>
        Rev.Of(id, down, op => op.AlterColumn("items", "price", type: SqlType.Integer, existingType: SqlType.Text));

    [Theory]
    [InlineData("CREATE VIEW v_items AS SELECT id, price FROM items", "SELECT count(*) FROM sqlite_master WHERE name = 'v_items'")]
    [InlineData("CREATE INDEX ix_items_price ON items (price)", "SELECT count(*) FROM sqlite_master WHERE name = 'ix_items_price'")]
    [InlineData("CREATE TRIGGER trg_items AFTER INSERT ON items BEGIN SELECT 1; END", "SELECT count(*) FROM sqlite_master WHERE name = 'trg_items'")]
    [InlineData("ALTER TABLE items ADD COLUMN note TEXT", "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'note'")]
    public async Task A_rebuild_of_a_table_that_raw_sql_changed_is_refused_before_anything_is_written(string rawSql, string survives)
    {
        var revisions = new RevisionSet([CreateItems, Rev.Of("r2", "r1", op => op.Execute(rawSql)), RetypePrice("r3", "r2")]);
        await using var db = new TempDatabase();
        var migrator = new Migrator(db.Database, revisions);

        foreach (var range in new[] { "head", "r2:head" })
        {
            var script = new StringWriter();
            var e = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => migrator.WriteScriptAsync(script, up: true, range));
            Assert.Equal("", script.ToString());
            Assert.Equal("r3", e.RevisionId);
            Assert.StartsWith("Revision r3 cannot be rendered as SQL", e.Message);
            Assert.Contains("table 'items'", e.Message);
            Assert.Contains("revision r2", e.Message);
            Assert.Contains("op.CreateIndex", e.Message);
            Assert.Contains("without --sql", e.Message);
        }
        var down = new StringWriter();
        var d = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => migrator.WriteScriptAsync(down, up: false, "head:r2"));
        Assert.Equal("r3", d.RevisionId);
        Assert.Equal("", down.ToString());

        // Online, the table is read from the database: the object made by raw SQL survives the rebuild.
        await migrator.UpgradeAsync();
        Assert.Equal(SqlType.Integer, (await db.Database.ReflectTableAsync("items"))!.GetColumn("price").Type);
        Assert.Equal(1L, db.Scalar(survives));
    }

    [Fact]
    public async Task A_rebuild_after_a_csharp_step_below_the_script_is_refused()
    {
        var revisions = new RevisionSet([
            CreateItems,
            Rev.Of("r2", "r1", op => op.Run("index by hand", (ctx, ct) => Task.CompletedTask, (ctx, ct) => Task.CompletedTask)),
            RetypePrice("r3", "r2"),
        ]);
        await using var db = new TempDatabase();
        var script = new StringWriter();
        var e = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => new Migrator(db.Database, revisions).WriteScriptAsync(script, up: true, "r2:head"));
        Assert.Equal("r3", e.RevisionId);
        Assert.Contains("revision r2 ran C# code ('index by hand')", e.Message);
        Assert.Equal("", script.ToString());
    }

    [Fact]
    public async Task Raw_sql_that_only_changes_data_or_another_table_does_not_stop_a_rebuild()
    {
        var revisions = new RevisionSet([
            CreateItems,
            Rev.Of("r2", "r1", op =>
            {
                op.Execute("INSERT INTO items (id, name, price) VALUES (1, 'pen', '3'), (2, 'ink', NULL)", reverseSql: "DELETE FROM items");
                op.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", reverseSql: "DROP TABLE notes");
            }),
            RetypePrice("r3", "r2"),
        ]);
        await using var online = new TempDatabase();
        await using var offline = new TempDatabase();
        await new Migrator(online.Database, revisions).UpgradeAsync();
        var script = new StringWriter();
        await new Migrator(offline.Database, revisions).WriteScriptAsync(script, up: true, "head");
        await Sqlite3.RunOkAsync(offline.FilePath, script.ToString());
        Assert.Equal(await SchemaSnapshot.TakeAsync(online), await SchemaSnapshot.TakeAsync(offline));
    }

    [Fact]
    public async Task Offline_rename_retype_not_null_and_downgrade_scripts_match_the_online_runs()
    {
        // The rename goes to a keyword that the CHECK and the partial index mention: written back quoted.
        var revisions = new RevisionSet([
            CreateItems,
            Rev.Of("r2", "r1", op => op.BulkInsert("items", [new { id = 1, name = "pen", price = "3" }, new { id = 2, name = "ink", price = "4" }]),
                op => op.Execute("DELETE FROM items")),
            Rev.Of("r3", "r2", op =>
            {
                op.AlterColumn("items", "name", newColumnName: "order");
                op.AlterColumn("items", "price", type: SqlType.Integer, existingType: SqlType.Text);
                op.AlterColumn("items", "order", nullable: false, existingNullable: true);
            }),
        ]);
        await using var online = new TempDatabase();
        await using var offline = new TempDatabase();
        var onlineMigrator = new Migrator(online.Database, revisions);
        await onlineMigrator.UpgradeAsync();
        var up = new StringWriter();
        var offlineMigrator = new Migrator(offline.Database, revisions);
        await offlineMigrator.WriteScriptAsync(up, up: true, "head");
        Assert.Contains("RENAME COLUMN \"name\" TO \"order\"", up.ToString());
        Assert.Contains("CHECK (\"order\" <> '')", up.ToString());
        await Sqlite3.RunOkAsync(offline.FilePath, up.ToString());
        Assert.Equal(await SchemaSnapshot.TakeAsync(online), await SchemaSnapshot.TakeAsync(offline));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => offline.Exec("UPDATE items SET \"order\" = '' WHERE id = 1"));

        await onlineMigrator.DowngradeAsync("r2");
        var down = new StringWriter();
        await offlineMigrator.WriteScriptAsync(down, up: false, "head:r2");
        await Sqlite3.RunOkAsync(offline.FilePath, down.ToString());
        Assert.Equal(await SchemaSnapshot.TakeAsync(online), await SchemaSnapshot.TakeAsync(offline));
        Assert.Equal(["r2"], await offlineMigrator.GetCurrentHeadIdsAsync());
    }
}
