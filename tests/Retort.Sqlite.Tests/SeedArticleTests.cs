using Retort.Connections;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The seed article's scenarios, through the public API.</summary>
public class SeedArticleTests
{
    [Fact]
    public async Task Create_tables_from_metadata_on_a_relative_sqlite_url()
    {
        await using var tmp = new TempDatabase();
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(tmp.Directory, "mydatabase.db"));
        Assert.False(Path.IsPathRooted(relative));
        await using var e = Database.Open("sqlite:///" + relative);
        var m = new MetaData();
        var newTable = new Table("new_table", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.String()));
        await m.CreateAllAsync(e);
        Assert.True(File.Exists(Path.Combine(tmp.Directory, "mydatabase.db")));
        Assert.Equal(newTable, await e.ReflectTableAsync("new_table"));
    }

    [Fact]
    public async Task Add_a_column_then_rename_a_column_with_its_data_intact()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE existing_table (id INTEGER PRIMARY KEY, old_column_name TEXT); INSERT INTO existing_table VALUES (1, 'kept'), (2, 'also kept');");
        var revisions = Rev.Chain(
            op => op.AddColumn("existing_table", new Column("new_column", SqlType.String(50), nullable: true)),
            op => op.AlterColumn("existing_table", "old_column_name", newColumnName: "new_column_name"));
        var migrator = new Migrator(db.Database, revisions);
        await migrator.UpgradeAsync("head");
        Assert.Equal(["kept", "also kept"], db.Query("SELECT new_column_name FROM existing_table ORDER BY id").Select(r => r[0]));
        Assert.Null(db.Scalar("SELECT new_column FROM existing_table WHERE id = 1"));
        await migrator.DowngradeAsync("base");
        Assert.Equal(["kept", "also kept"], db.Query("SELECT old_column_name FROM existing_table ORDER BY id").Select(r => r[0]));
        Assert.Null((await db.Database.ReflectTableAsync("existing_table"))!.FindColumn("new_column"));
    }

    [Fact]
    public async Task A_revision_that_throws_halfway_leaves_the_database_exactly_as_before()
    {
        await using var db = new TempDatabase();
        var good = Rev.Of("a1", null, op => op.CreateTable("accounts", new Column("id", SqlType.Integer, primaryKey: true), new Column("balance", SqlType.Integer)));
        var bad = Rev.Of("b2", "a1", op =>
        {
            op.BulkInsert("accounts", [new { id = 1, balance = 100 }]);
            op.AddColumn("accounts", new Column("owner", SqlType.Text));
            op.AlterColumn("accounts", "balance", type: SqlType.BigInteger);
            op.Run("fail on purpose", (_, _) => throw new InvalidOperationException("boom"));
        });
        var after = Rev.Of("c3", "b2", op => op.CreateTable("never", new Column("id", SqlType.Integer, primaryKey: true)));
        var migrator = new Migrator(db.Database, new([good, bad, after]));
        await migrator.UpgradeAsync("a1");
        var schemaBefore = db.SchemaDump();
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.Equal("b2", e.RevisionId);
        Assert.Contains("boom", e.Message);
        Assert.Contains("rolled back", e.Message);
        Assert.Equal(schemaBefore, db.SchemaDump());
        Assert.Equal(0L, db.Scalar("SELECT count(*) FROM accounts"));
        Assert.Equal(["a1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Null(await db.Database.ReflectTableAsync("never"));
        Assert.DoesNotContain(await migrator.GetHistoryAsync(), h => h.Revision == "b2");
        db.AssertIntegrity();
    }

    [Fact]
    public async Task Data_moves_from_an_old_table_to_a_new_one_through_csharp()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE old_model (id INTEGER PRIMARY KEY, data TEXT); INSERT INTO old_model VALUES (1, 'a'), (2, 'b');");
        var revisions = Rev.Chain(op =>
        {
            op.CreateTable("new_model", new Column("id", SqlType.Integer, primaryKey: true), new Column("transformed_data", SqlType.Text));
            op.Run("copy old_model into new_model", async (ctx, ct) =>
            {
                var rows = new List<(long, string)>();
                await using (var read = ctx.CreateCommand("SELECT id, data FROM old_model ORDER BY id"))
                await using (var reader = await read.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
                foreach (var (id, data) in rows)
                    await ctx.ExecuteAsync("INSERT INTO new_model (id, transformed_data) VALUES (@id, @d)", new { id, d = data.ToUpperInvariant() }, ct);
            });
        });
        await new Migrator(db.Database, revisions).UpgradeAsync();
        Assert.Equal(["A", "B"], db.Query("SELECT transformed_data FROM new_model ORDER BY id").Select(r => r[0]));
    }
}
