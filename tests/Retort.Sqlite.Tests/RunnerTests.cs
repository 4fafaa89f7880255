using Retort.Specification.Support;
using Retort.Connections;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

public class RunnerTests
{
    private static RevisionSet Branched() => new([
        Rev.Of("a1", null, op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true))),
        Rev.Of("b1", "a1", op => op.AddColumn("t", new Column("b", SqlType.Integer))),
        Rev.Of("c1", "a1", op => op.AddColumn("t", new Column("c", SqlType.Integer))),
        new Revision(new RevisionInfo("m1", ["b1", "c1"], [], [], "merge"), new InlineScript(_ => { })),
    ]);

    [Fact]
    public async Task Version_table_keeps_one_row_per_head_through_branches_and_merge()
    {
        await using var db = new TempDatabase();
        var migrator = new Migrator(db.Database, Branched());
        await migrator.UpgradeAsync("b1");
        await migrator.UpgradeAsync("c1");
        Assert.Equal(["b1", "c1"], db.Query("SELECT version_num FROM retort_version ORDER BY 1").Select(r => r[0]));
        await migrator.UpgradeAsync("head");
        Assert.Equal(["m1"], db.Query("SELECT version_num FROM retort_version").Select(r => r[0]));
        await migrator.DowngradeAsync("-1");
        Assert.Equal(["b1", "c1"], db.Query("SELECT version_num FROM retort_version ORDER BY 1").Select(r => r[0]));
        await migrator.DowngradeAsync("base");
        Assert.Empty(db.Query("SELECT version_num FROM retort_version"));
        Assert.Null(await db.Database.ReflectTableAsync("t"));
    }

    [Fact]
    public async Task History_records_direction_duration_and_checksum_and_edits_are_detected()
    {
        await using var db = new TempDatabase();
        var migrator = new Migrator(db.Database, Rev.Chain(op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true))));
        await migrator.UpgradeAsync();
        await migrator.DowngradeAsync("base");
        await migrator.UpgradeAsync();
        var history = await migrator.GetHistoryAsync();
        Assert.Equal(["upgrade", "downgrade", "upgrade"], history.Select(h => h.Direction));
        Assert.All(history, h => Assert.NotNull(h.Duration));
        Assert.Equal(64, history[0].Checksum!.Length);
        Assert.Empty(await migrator.FindEditedRevisionsAsync());
        var edited = new Migrator(db.Database, Rev.Chain(op => op.CreateTable("t", new Column("id", SqlType.BigInteger, primaryKey: true))));
        Assert.Equal(["r1"], (await edited.FindEditedRevisionsAsync()).Select(e => e.Revision));
    }

    [Fact]
    public async Task Stamp_sets_heads_without_running_and_purge_clears_unknown_ones()
    {
        await using var db = new TempDatabase();
        var migrator = new Migrator(db.Database, Branched());
        await migrator.StampAsync("heads");
        Assert.Equal(["m1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Null(await db.Database.ReflectTableAsync("t"));
        db.Exec("INSERT INTO retort_version VALUES ('zzz')");
        var e = await Assert.ThrowsAsync<UnknownAppliedRevisionException>(() => migrator.GetCurrentAsync());
        Assert.Contains("zzz", e.Message);
        await Assert.ThrowsAsync<UnknownAppliedRevisionException>(() => migrator.UpgradeAsync());
        await migrator.StampAsync("b1", purge: true);
        Assert.Equal(["b1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task Errors_for_targets_and_multiple_heads_change_nothing()
    {
        await using var db = new TempDatabase();
        var migrator = new Migrator(db.Database, new([
            Rev.Of("a1", null, op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true))),
            Rev.Of("b1", "a1", _ => { }),
            Rev.Of("c1", "a1", _ => { }),
        ]));
        await Assert.ThrowsAsync<MultipleHeadsException>(() => migrator.UpgradeAsync("head"));
        await Assert.ThrowsAsync<UnknownRevisionException>(() => migrator.UpgradeAsync("nope"));
        await Assert.ThrowsAsync<UnknownRevisionException>(() => migrator.StampAsync("nope"));
        Assert.Empty(await db.Database.ReflectAsync()); // not even Retort's own tables were created
        await migrator.UpgradeAsync("heads");
        Assert.Equal(["b1", "c1"], (await migrator.GetCurrentAsync()).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Single_transaction_mode_rolls_back_every_revision_of_the_run()
    {
        await using var db = new TempDatabase();
        var revisions = Rev.Chain(
            op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true)),
            op => op.Execute("INSERT INTO t (id) VALUES (@id)", new { id = 1 }),
            op => op.Execute("INSERT INTO missing_table VALUES (1)"));
        var migrator = new Migrator(db.Database, revisions, new MigratorOptions { SingleTransaction = true });
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.Equal("r3", e.RevisionId);
        Assert.Contains("no such table: missing_table", e.Reason);
        Assert.Equal("INSERT INTO missing_table VALUES (1)", e.Statement);
        Assert.Null(await db.Database.ReflectTableAsync("t"));
        Assert.Empty(await migrator.GetCurrentAsync());
    }

    [Fact]
    public async Task Irreversible_operations_stop_a_downgrade_before_it_starts()
    {
        await using var db = new TempDatabase();
        var revisions = Rev.Chain(
            op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true), new Column("x", SqlType.Integer)),
            op => op.DropColumn("t", "x"));
        var migrator = new Migrator(db.Database, revisions);
        await migrator.UpgradeAsync();
        var e = await Assert.ThrowsAsync<Operations.IrreversibleOperationException>(() => migrator.DowngradeAsync("base"));
        Assert.StartsWith("Cannot downgrade revision r2 (", e.Message);
        Assert.Equal("r2", e.RevisionId);
        Assert.Equal(["r2"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Concurrent_runs_apply_each_revision_once(int runners)
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE applied (rev TEXT)");
        var revisions = Rev.Chain(Enumerable.Range(1, 8).Select(i => (Action<Op>)(op =>
        {
            op.Execute("INSERT INTO applied VALUES (@r)", new { r = "r" + i });
            op.CreateTable("t" + i, new Column("id", SqlType.Integer, primaryKey: true));
        })).ToArray());
        var runs = await Task.WhenAll(Enumerable.Range(0, runners).Select(_ => Task.Run(async () =>
        {
            await using var own = Database.Open(db.Url);
            return await new Migrator(own, revisions).UpgradeAsync();
        })));
        Assert.Equal(8, runs.SelectMany(r => r).Count(r => !r.Skipped));
        Assert.Equal(8L, db.Scalar("SELECT count(*) FROM applied"));
        Assert.Equal(8L, db.Scalar("SELECT count(DISTINCT rev) FROM applied"));
        Assert.Equal("r8", db.Scalar("SELECT version_num FROM retort_version"));
    }

    [Fact]
    public async Task Offline_script_run_by_sqlite3_matches_the_online_result()
    {
        if (!File.Exists("/usr/bin/sqlite3")) Assert.Fail("sqlite3 is needed for this test (Debian package sqlite3).");
        var revisions = new RevisionSet([
            Rev.Of("r1", null, op => op.CreateTable("users", new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(50)), new Column("age", SqlType.Text))),
            Rev.Of("r2", "r1", op => op.BulkInsert("users", [new { id = 1, name = "O'Brien", age = "42" }]), op => op.Execute("DELETE FROM users")),
            Rev.Of("r3", "r2", op => { op.AlterColumn("users", "age", type: SqlType.Integer, existingType: SqlType.Text); op.CreateIndex("ix_users_name", "users", ["name"]); }),
            Rev.Of("r4", "r3", op => op.AlterColumn("users", "name", newColumnName: "full_name")),
        ]);
        await using var online = new TempDatabase();
        await new Migrator(online.Database, revisions).UpgradeAsync();
        await using var offline = new TempDatabase();
        var script = new StringWriter();
        await new Migrator(offline.Database, revisions).WriteScriptAsync(script, up: true, "head");
        var scriptPath = Path.Combine(offline.Directory, "up.sql");
        await File.WriteAllTextAsync(scriptPath, script.ToString());
        var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/sqlite3", ["-bail", offline.FilePath, ".read " + scriptPath]);
        var (code, _, error) = await Retort.Specification.Support.TestProcess.RunAsync(psi, TimeSpan.FromMinutes(2));
        Assert.True(code == 0, error);
        Assert.Equal(online.SchemaDump(), offline.SchemaDump());
        Assert.Equal(online.Query("SELECT version_num FROM retort_version").Select(r => r[0]), offline.Query("SELECT version_num FROM retort_version").Select(r => r[0]));
        Assert.Equal(online.Query("SELECT * FROM users").Select(r => string.Join("|", r)), offline.Query("SELECT * FROM users").Select(r => string.Join("|", r)));
        Assert.Equal(4L, offline.Scalar("SELECT count(*) FROM retort_history"));

        var down = new StringWriter();
        await new Migrator(offline.Database, revisions).WriteScriptAsync(down, up: false, "head:base");
        Assert.Contains("DROP TABLE \"users\"", down.ToString());
        Assert.Contains("DELETE FROM \"retort_version\"", down.ToString());
    }

    [Fact]
    public async Task Offline_rendering_refuses_a_code_step_and_names_the_revision()
    {
        await using var db = new TempDatabase();
        var revisions = Rev.Chain(op => op.Run("transform", (_, _) => Task.CompletedTask));
        var e = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => new Migrator(db.Database, revisions).WriteScriptAsync(new StringWriter(), true, "head"));
        Assert.Contains("r1", e.Message);
        Assert.Contains("transform", e.Message);
    }
}
