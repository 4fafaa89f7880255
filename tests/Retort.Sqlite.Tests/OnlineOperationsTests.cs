using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// On SQLite every online operation runs in one step as its final shape, in the revision's transaction; nothing waits
/// for complete, and complete and abort say there is nothing to do.
/// </summary>
public sealed class OnlineOperationsTests
{
    [Fact]
    public async Task Every_online_operation_runs_in_one_step_and_nothing_waits()
    {
        await using var db = new TempDatabase();
        db.Exec("""
            CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
            CREATE TABLE amounts (id INTEGER PRIMARY KEY, euros INTEGER NOT NULL, cents INTEGER NOT NULL);
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, legacy TEXT);
            INSERT INTO people VALUES (1, 'Ann Lee', NULL), (2, 'Bo Ray', 'bo@x');
            INSERT INTO amounts VALUES (1, 3, 50), (2, 0, 7);
            INSERT INTO notes VALUES (1, 'a', 'old');
            """);
        var revisions = new RevisionSet(
        [
            new Revision(RevisionInfo.Create("r1", null), new InlineScript(op =>
            {
                op.Online.SplitColumn("people", "name",
                    [new OnlineColumn(new Column("first_name", SqlType.Text), "substr(name, 1, instr(name, ' ') - 1)"),
                     new OnlineColumn(new Column("last_name", SqlType.Text), "substr(name, instr(name, ' ') + 1)")], down: "first_name || ' ' || last_name");
                op.Online.MergeColumns("amounts", ["euros", "cents"], new Column("total_cents", SqlType.Integer, nullable: false), "euros * 100 + cents",
                    new Dictionary<string, string> { ["euros"] = "total_cents / 100", ["cents"] = "total_cents % 100" });
                op.Online.DropColumn("notes", "legacy");
                op.Online.RenameTable("notes", "memos");
            })),
            new Revision(RevisionInfo.Create("r2", "r1"), new InlineScript(op => op.Online.SetNotNull("people", "email", "lower(first_name) || '@example.com'"))),
        ]);
        var migrator = new Migrator(db.Database, revisions);
        await migrator.UpgradeAsync();

        Assert.Equal(["r2"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Empty(await migrator.GetWaitingAsync());
        Assert.Equal(["upgrade", "upgrade"], (await migrator.GetHistoryAsync()).Select(h => h.Direction));
        Assert.Equal("Ann|Lee|ann@example.com;Bo|Ray|bo@x", db.Scalar("SELECT group_concat(first_name || '|' || last_name || '|' || email, ';') FROM (SELECT * FROM people ORDER BY id)"));
        Assert.Equal(0L, db.Scalar("SELECT count(*) FROM pragma_table_info('people') WHERE name = 'name'"));
        Assert.Equal(1L, db.Scalar("SELECT \"notnull\" FROM pragma_table_info('people') WHERE name = 'email'"));
        Assert.Equal("350;7", db.Scalar("SELECT group_concat(total_cents, ';') FROM (SELECT total_cents FROM amounts ORDER BY id)"));
        Assert.Equal(1L, db.Scalar("SELECT \"notnull\" FROM pragma_table_info('amounts') WHERE name = 'total_cents'"));
        Assert.Equal("id,body", db.Scalar("SELECT group_concat(name, ',') FROM pragma_table_info('memos')"));

        foreach (var attempt in new Func<Task>[] { () => migrator.CompleteAsync(), () => migrator.AbortAsync("r2") })
            Assert.Contains("runs online operations in one step", (await Assert.ThrowsAsync<RetortException>(attempt)).Message);
    }
}
