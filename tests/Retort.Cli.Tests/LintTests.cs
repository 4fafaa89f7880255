using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retort.Specification.Lint;
using Retort.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>retort lint</c> and the gate in <c>upgrade</c>, end to end in a SQL environment on a SQLite file, with the test-only
/// checks of <see cref="TestChecks"/> (through the <c>lintsqlite</c> scheme of <see cref="LintTestDialect"/>): output for
/// people, JSON and SARIF, exit codes 0, 1 and 2, allowances and the history.
/// </summary>
public sealed class LintTests
{
    private static readonly string Scheme = LintTestDialect.Register(new SqliteDialect());

    // An environment whose database holds "legacy" with rows, and one revision indexing it and updating it in raw SQL.
    private static async Task<(string Env, string Id, string File, string Db)> SetUpAsync(TempDir dir, string upgrade =
        "CREATE INDEX ix_legacy_name ON legacy (name);\nUPDATE legacy SET name = upper(name);")
    {
        var env = await SqlEnvironment.InitAsync(dir);
        var config = Path.Combine(env, "retort.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"sqlite:", $"\"{Scheme}:"));
        var db = Path.Combine(env, "legacy.db");
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO legacy (name) VALUES ('a'), ('b');";
            command.ExecuteNonQuery();
        }
        var id = await SqlEnvironment.RevisionAsync(env, "index legacy", upgrade, "DROP INDEX ix_legacy_name;");
        return (env, id, Directory.GetFiles(Path.Combine(env, "Revisions"), id + "*.sql").Single(), db);
    }

    private static string Url(string db) => $"{Scheme}:///{db}";

    private static long Scalar(string db, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task Lint_without_a_database_lists_the_findings_and_exits_1_on_errors()
    {
        using var dir = new TempDir();
        var (env, id, file, _) = await SetUpAsync(dir);
        var result = await CliRunner.RunAsync(env, "lint");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"error RT901 test: index built without CONCURRENTLY: revision {id}, {Path.GetFileName(file)}:", result.Out);
        Assert.Contains($"error RT902 test: UPDATE of every row in one statement: revision {id}, {Path.GetFileName(file)}:", result.Out);
        Assert.Contains("Instead: Build it with CONCURRENTLY.", result.Out);
        Assert.Contains("2 error(s), 0 warning(s), 0 note(s); 0 allowed, 2 blocking.", result.Out);
        // Redirected output: no box drawing.
        Assert.DoesNotContain("│", result.Out);
        Assert.DoesNotContain("─", result.Out);
    }

    [Fact]
    public async Task Lint_exits_0_with_warnings_only_and_when_every_error_is_allowed()
    {
        using var dir = new TempDir();
        var (env, _, file, _) = await SetUpAsync(dir, "ALTER TABLE legacy ADD COLUMN note TEXT;");
        var clean = await CliRunner.RunAsync(env, "lint");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("No findings.", clean.Out);

        File.WriteAllText(file, File.ReadAllText(file).Replace("ALTER TABLE legacy ADD COLUMN note TEXT;",
            "-- retort:allow RT901 two rows, built in a blink\nCREATE INDEX ix_legacy_name ON legacy (name);\nUPDATE legacy SET name = upper(name); -- retort:allow RT902 two rows"));
        var allowed = await CliRunner.RunAsync(env, "lint");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("error (allowed) RT901", allowed.Out);
        Assert.Contains("Allowed: two rows, built in a blink", allowed.Out);
        Assert.Contains("0 blocking", allowed.Out);
    }

    [Fact]
    public async Task Lint_exits_2_when_it_cannot_lint()
    {
        using var dir = new TempDir();
        var (env, _, file, _) = await SetUpAsync(dir);
        File.WriteAllText(file, File.ReadAllText(file).Replace("UPDATE legacy", "-- retort:allow RT902\nUPDATE legacy"));
        var noReason = await CliRunner.RunAsync(env, "lint");
        Assert.True(noReason.ExitCode == 2, noReason.ToString());
        Assert.Contains("has no reason", noReason.Error);

        var unknownTarget = await CliRunner.RunAsync(env, "lint", "nosuchrev");
        Assert.Equal(2, unknownTarget.ExitCode);
        var unreachable = await CliRunner.RunAsync(env, "lint", "--url", $"{Scheme}:///{Path.Combine(dir.Path, "missing", "dir", "x.db")}");
        Assert.Equal(2, unreachable.ExitCode);
        using var empty = new TempDir();
        Assert.Equal(2, (await CliRunner.RunAsync(empty.Path, "lint")).ExitCode);
    }

    [Fact]
    public async Task Json_output_holds_the_documented_fields()
    {
        using var dir = new TempDir();
        var (env, id, file, _) = await SetUpAsync(dir);
        var result = await CliRunner.RunAsync(env, "lint", "--format", "json");
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(Scheme, root.GetProperty("dialect").GetString());
        Assert.False(root.GetProperty("liveStats").GetBoolean());
        Assert.Equal([id], root.GetProperty("revisions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, root.GetProperty("summary").GetProperty("blocking").GetInt32());
        var first = root.GetProperty("findings")[0];
        Assert.Equal("RT901", first.GetProperty("rule").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal(id, first.GetProperty("revision").GetString());
        Assert.Equal(file, first.GetProperty("source").GetString());
        Assert.Equal(File.ReadAllLines(file).ToList().FindIndex(l => l.StartsWith("CREATE INDEX", StringComparison.Ordinal)) + 1, first.GetProperty("line").GetInt32());
        Assert.Equal("legacy", first.GetProperty("table").GetString());
        Assert.True(first.GetProperty("blocking").GetBoolean());
        Assert.Equal("ShareLock", first.GetProperty("lock").GetString());
        Assert.Equal("Build it with CONCURRENTLY.", first.GetProperty("safeAlternative").GetString());
    }

    [Fact]
    public async Task Sarif_output_is_sarif_2_1_0_with_rules_results_and_locations()
    {
        using var dir = new TempDir();
        var (env, _, file, _) = await SetUpAsync(dir);
        var result = await CliRunner.RunAsync(env, "lint", "--format", "sarif");
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("2.1.0", json.RootElement.GetProperty("version").GetString());
        var run = json.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["RT901", "RT902", "RT903"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("test: index built without CONCURRENTLY", rules[0].GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("Build it with CONCURRENTLY.", rules[0].GetProperty("help").GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(rules[0].GetProperty("name").GetString()));
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["RT901 error", "RT902 error"], results.Select(r => r.GetProperty("ruleId").GetString() + " " + r.GetProperty("level").GetString()));
        var location = results[1].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(Path.GetRelativePath(env, file).Replace('\\', '/'), location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(File.ReadAllLines(file).ToList().FindIndex(l => l.StartsWith("UPDATE", StringComparison.Ordinal)) + 1,
            location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Contains("UPDATE of every row of legacy", results[1].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Upgrade_is_refused_online_and_offline_and_the_database_is_untouched()
    {
        using var dir = new TempDir();
        var (env, id, _, db) = await SetUpAsync(dir);
        var url = Url(db);
        foreach (var args in new[] { new[] { "upgrade", "head", "--url", url }, ["upgrade", "head", "--sql"] })
        {
            var refused = await CliRunner.RunAsync(env, args);
            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("The upgrade was refused before anything ran", refused.Error);
            Assert.Contains($"RT901 test: index built without CONCURRENTLY: revision {id}", refused.Error);
            Assert.Contains("--allow RT901,RT902", refused.Error);
            Assert.Contains("-- retort:allow RT### reason", refused.Error);
            Assert.DoesNotContain("CREATE INDEX", refused.Out);
        }
        Assert.Equal(0, Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('retort_version', 'retort_history', 'ix_legacy_name')"));
        Assert.Equal(1, Scalar(db, "SELECT count(*) FROM legacy WHERE name = 'a'"));
    }

    [Fact]
    public async Task Upgrade_with_allow_runs_and_history_shows_the_allowed_findings()
    {
        using var dir = new TempDir();
        var (env, id, file, db) = await SetUpAsync(dir);
        File.WriteAllText(file, File.ReadAllText(file).Replace("UPDATE legacy", "-- retort:allow RT902 two rows\nUPDATE legacy"));
        var url = Url(db);
        var malformed = await CliRunner.RunAsync(env, "upgrade", "head", "--url", url, "--allow", "index");
        Assert.True(malformed.ExitCode == 1, malformed.ToString());
        Assert.Contains("'index' is not a lint rule id", malformed.Error);

        await CliRunner.OkAsync(env, "upgrade", "head", "--url", url, "--allow", "RT901");
        Assert.Equal(1, Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_legacy_name'"));
        var history = await CliRunner.OkAsync(env, "history", "-i", "--url", url);
        Assert.Contains($"{id}: lint finding allowed: RT901 allowed on the command line", history);
        Assert.Contains($"{id}: lint finding allowed: RT902 two rows", history);
    }

    [Fact]
    public async Task Lint_with_url_reads_the_live_table_and_an_empty_table_is_a_note()
    {
        using var dir = new TempDir();
        var (env, _, _, db) = await SetUpAsync(dir);
        var live = await CliRunner.RunAsync(env, "lint", "--url", Url(db), "--format", "json");
        Assert.Equal(1, live.ExitCode);
        using (var json = JsonDocument.Parse(live.Out))
        {
            Assert.True(json.RootElement.GetProperty("liveStats").GetBoolean());
            Assert.StartsWith("scans legacy, about 200 bytes, 2 rows", json.RootElement.GetProperty("findings")[0].GetProperty("estimate").GetString());
        }
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM legacy";
            command.ExecuteNonQuery();
        }
        var empty = await CliRunner.RunAsync(env, "lint", "--url", Url(db));
        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Contains("note RT901", empty.Out);
        Assert.Contains("0 error(s), 0 warning(s), 2 note(s)", empty.Out);
        // The gate reads the same catalogue: on the empty table the upgrade runs.
        await CliRunner.OkAsync(env, "upgrade", "head", "--url", Url(db));
        Assert.Equal(1, Scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_legacy_name'"));
    }
}
