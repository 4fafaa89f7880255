using Retort.Specification.Support;
using Retort.Connections;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// The runner on SQLite only: an offline script run by the real sqlite3 shell. The runner's promises on every dialect
/// are the specification's (Sqlite*Tests subclasses of Retort.Specification.Runner).
/// </summary>
public class RunnerTests
{
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
}
