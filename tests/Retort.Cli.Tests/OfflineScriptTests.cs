namespace Retort.Cli.Tests;

/// <summary>An offline script run by sqlite3 leaves the same schema and version rows as the online run.</summary>
public sealed class OfflineScriptTests
{
    private const string Sqlite3 = "/usr/bin/sqlite3";

    [Fact]
    public async Task Offline_upgrade_and_downgrade_scripts_match_the_online_result()
    {
        Assert.True(File.Exists(Sqlite3), "sqlite3 is needed at " + Sqlite3);
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create account",
            "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\nCREATE INDEX ix_account_name ON account (name);\n" +
            "CREATE TRIGGER account_name AFTER INSERT ON account BEGIN UPDATE account SET name = trim(new.name) WHERE id = new.id; END;",
            "DROP TABLE account;");
        var second = await SqlEnvironment.RevisionAsync(env, "add email", "ALTER TABLE account ADD COLUMN email TEXT;\nINSERT INTO account (name) VALUES (' semi;colon ');", "DELETE FROM account;\nALTER TABLE account DROP COLUMN email;");

        await CliRunner.OkAsync(env, "--url", "sqlite:///online.db", "upgrade", "head");
        var script = await CliRunner.OkAsync(env, "--url", "sqlite:///offline.db", "upgrade", "head", "--sql");
        Assert.Contains("BEGIN", script);
        Assert.Contains("retort_version", script);
        Assert.False(File.Exists(Path.Combine(env, "offline.db")), "--sql must not touch the database");
        await RunSqlite3Async(Path.Combine(env, "offline.db"), script);
        Assert.Equal(await DumpAsync(Path.Combine(env, "online.db")), await DumpAsync(Path.Combine(env, "offline.db")));

        var down = await CliRunner.OkAsync(env, "--url", "sqlite:///offline.db", "downgrade", $"{second}:base", "--sql");
        await CliRunner.OkAsync(env, "--url", "sqlite:///online.db", "downgrade", "base");
        await RunSqlite3Async(Path.Combine(env, "offline.db"), down);
        Assert.Equal(await DumpAsync(Path.Combine(env, "online.db")), await DumpAsync(Path.Combine(env, "offline.db")));
    }

    [Fact]
    public async Task An_offline_script_with_a_data_step_leaves_the_same_tables_as_the_online_run()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "create account",
            "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, upper_name TEXT);\nINSERT INTO account (name) VALUES ('ann'), ('bob');",
            "DROP TABLE account;");
        await SqlEnvironment.RevisionAsync(env, "fill upper_name",
            "-- retort:batched\nUPDATE account SET upper_name = upper(name) WHERE upper_name IS NULL;",
            "-- retort:batched\nUPDATE account SET upper_name = NULL;");

        await CliRunner.OkAsync(env, "--url", "sqlite:///online.db", "upgrade", "head");
        var script = await CliRunner.OkAsync(env, "--url", "sqlite:///offline.db", "upgrade", "head", "--sql");
        await RunSqlite3Async(Path.Combine(env, "offline.db"), script);
        var tables = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);";
        var onlineTables = (await CliRunner.ProcessAsync(env, Sqlite3, Path.Combine(env, "online.db"), tables)).Out;
        Assert.Contains("retort_progress", onlineTables);
        Assert.Equal(onlineTables, (await CliRunner.ProcessAsync(env, Sqlite3, Path.Combine(env, "offline.db"), tables)).Out);
        Assert.Equal(await DumpAsync(Path.Combine(env, "online.db")), await DumpAsync(Path.Combine(env, "offline.db")));
    }

    private static async Task RunSqlite3Async(string db, string script)
    {
        var file = db + ".sql";
        File.WriteAllText(file, script);
        var result = await CliRunner.ProcessAsync(Path.GetDirectoryName(db)!, Sqlite3, "-bail", db, ".read " + file);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The schema (as .schema prints it, normalized) and the version rows and row counts.</summary>
    private static async Task<string> DumpAsync(string db)
    {
        var schema = await CliRunner.ProcessAsync(Path.GetDirectoryName(db)!, Sqlite3, db, ".schema");
        var versions = await CliRunner.ProcessAsync(Path.GetDirectoryName(db)!, Sqlite3, db, "SELECT version_num FROM retort_version ORDER BY 1;");
        var history = await CliRunner.ProcessAsync(Path.GetDirectoryName(db)!, Sqlite3, db, "SELECT revision, direction, checksum FROM retort_history ORDER BY id;");
        var data = await CliRunner.ProcessAsync(Path.GetDirectoryName(db)!, Sqlite3, db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'account';");
        var rows = data.Out.Trim().Length > 0
            ? (await CliRunner.ProcessAsync(Path.GetDirectoryName(db)!, Sqlite3, db, "SELECT * FROM account ORDER BY id;")).Out
            : "";
        var normalized = string.Join('\n', schema.Out.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0));
        return $"{normalized}\n-- versions\n{versions.Out}\n-- history\n{history.Out}\n-- rows\n{rows}";
    }
}
