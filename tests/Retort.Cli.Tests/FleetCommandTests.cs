using System.Text.Json;
using Microsoft.Data.Sqlite;
using Retort.Specification.Fleet;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>retort fleet upgrade|downgrade|current|status</c> end to end on SQLite tenant files: output for people and JSON, the
/// status table in its default place or the control database, exit codes 0, 1 and 2, and bad input refused untouched.
/// </summary>
public sealed class FleetCommandTests
{
    private static readonly (string Up, string Down)[] Revisions =
    [
        ("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);", "DROP TABLE items;"),
        ("CREATE TABLE audit (id INTEGER PRIMARY KEY);", "DROP TABLE audit;"),
    ];

    private static (string Env, IReadOnlyList<string> Ids) Environment(TempDir dir, int tenants)
    {
        var env = dir["env"];
        var ids = FleetEnvironment.Write(env, "sqlite:///app.db", Revisions);
        Directory.CreateDirectory(Path.Combine(env, "tenants"));
        File.WriteAllLines(Path.Combine(env, "targets.txt"), Enumerable.Range(1, tenants).Select(i => $"sqlite:///tenants/t{i}.db"));
        return (env, ids);
    }

    private static void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task Upgrade_prints_a_line_per_target_and_a_summary_and_status_current_and_json_tell_the_same()
    {
        using var dir = new TempDir();
        var (env, ids) = Environment(dir, 4);
        var run = await CliRunner.RunAsync(env, "fleet", "upgrade", "--targets", "targets.txt", "-j", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        for (var i = 1; i <= 4; i++) Assert.Contains($"done    sqlite:///{Path.Combine(env, "tenants", $"t{i}.db")}: base -> {ids[^1]}", run.Out);
        Assert.Contains("Fleet upgrade to head: every target is done (4 now, 0 already)", run.Out);
        Assert.True(File.Exists(Path.Combine(env, "retort-fleet.db")));

        var again = await CliRunner.RunAsync(env, "fleet", "upgrade", "head", "--targets", "targets.txt", "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        using (var json = JsonDocument.Parse(again.Out))
        {
            var root = json.RootElement;
            Assert.Equal("fleet upgrade", root.GetProperty("command").GetString());
            Assert.True(root.GetProperty("succeeded").GetBoolean());
            Assert.Equal((4, 0, 4), (root.GetProperty("total").GetInt32(), root.GetProperty("done").GetInt32(), root.GetProperty("skipped").GetInt32()));
            Assert.All(root.GetProperty("targets").EnumerateArray(), t => Assert.Equal("skipped", t.GetProperty("state").GetString()));
        }

        var status = await CliRunner.RunAsync(env, "fleet", "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("upgrade to head, done (0 done, 0 failed, 4 skipped of 4)", status.Out);
        Assert.Contains("4 target(s): 4 done.", status.Out);
        var statusJson = await CliRunner.RunAsync(env, "fleet", "status", "--json");
        using (var json = JsonDocument.Parse(statusJson.Out))
        {
            var rows = json.RootElement.GetProperty("targets").EnumerateArray().ToList();
            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.Equal(("done", ids[^1], ids[^1]), (r.GetProperty("state").GetString(), r.GetProperty("targetRevision").GetString(),
                r.GetProperty("currentRevision").GetString())));
        }

        var current = await CliRunner.RunAsync(env, "fleet", "current", "--targets", "targets.txt");
        Assert.True(current.ExitCode == 0, current.ToString());
        Assert.Contains($"4 target(s): 4 at {ids[^1]}.", current.Out);

        var down = await CliRunner.RunAsync(env, "fleet", "downgrade", "base", "--targets", "targets.txt", "--json");
        Assert.True(down.ExitCode == 0, down.ToString());
        using (var json = JsonDocument.Parse(down.Out))
            Assert.All(json.RootElement.GetProperty("targets").EnumerateArray(), t => Assert.Empty(t.GetProperty("after").EnumerateArray()));
        var currentJson = await CliRunner.RunAsync(env, "fleet", "current", "--targets", "targets.txt", "--json");
        using (var json = JsonDocument.Parse(currentJson.Out))
            Assert.All(json.RootElement.GetProperty("targets").EnumerateArray(), t => Assert.Equal("done", t.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_failing_tenant_exits_1_with_its_error_in_the_summary_and_the_status()
    {
        using var dir = new TempDir();
        var (env, _) = Environment(dir, 3);
        Execute(Path.Combine(env, "tenants", "t2.db"), "CREATE TABLE audit (x INTEGER)");
        var run = await CliRunner.RunAsync(env, "fleet", "upgrade", "--targets", "targets.txt", "-j", "1");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("failed  sqlite:///", run.Out);
        Assert.Contains("audit", run.Out);
        Assert.Contains("Fleet upgrade to head stopped: 1 target(s) failed, more than --max-failures 0 allows.", run.Out);
        var status = await CliRunner.RunAsync(env, "fleet", "status", "--json");
        using var json = JsonDocument.Parse(status.Out);
        Assert.Equal(["done", "failed", "skipped"], json.RootElement.GetProperty("targets").EnumerateArray().Select(r => r.GetProperty("state").GetString()));
        Assert.Equal("stopped", json.RootElement.GetProperty("lastRun").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Targets_from_a_control_database_keep_their_status_there()
    {
        using var dir = new TempDir();
        var (env, ids) = Environment(dir, 0);
        var control = Path.Combine(env, "control.db");
        Execute(control, "CREATE TABLE tenants (url TEXT); " + string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"INSERT INTO tenants VALUES ('sqlite:///{Path.Combine(env, "tenants", $"t{i}.db")}');")));
        var run = await CliRunner.RunAsync(env, "fleet", "upgrade", "--targets-sql", "SELECT url FROM tenants", "--url", "sqlite:///control.db");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(Path.Combine(env, "retort-fleet.db")));
        var status = await CliRunner.RunAsync(env, "fleet", "status", "--url", "sqlite:///control.db");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("3 target(s): 3 done.", status.Out);
        Assert.Contains(ids[^1], status.Out);
    }

    [Fact]
    public async Task Bad_input_exits_2_with_a_clear_message_and_touches_nothing()
    {
        using var dir = new TempDir();
        var (env, _) = Environment(dir, 2);
        Execute(Path.Combine(env, "control.db"), "CREATE TABLE tenants (url TEXT, n INTEGER); INSERT INTO tenants VALUES (NULL, 1);");
        File.WriteAllText(Path.Combine(env, "empty.txt"), "# nobody yet\n\n");
        File.WriteAllText(Path.Combine(env, "badline.txt"), "sqlite:///tenants/a.db\nnosuchdb://host/x\n");
        File.WriteAllText(Path.Combine(env, "twice.txt"), "sqlite:///tenants/a.db\nsqlite:///tenants/a.db\n");
        var cases = new (string[] Args, string Says)[]
        {
            (["fleet", "upgrade", "--targets", "missing.txt"], "does not exist"),
            (["fleet", "upgrade", "--targets", "empty.txt"], "lists no target"),
            (["fleet", "upgrade", "--targets", "badline.txt"], "line 2 of the targets file"),
            (["fleet", "upgrade", "--targets", "twice.txt"], "more than once"),
            (["fleet", "upgrade"], "Say which databases the fleet is"),
            (["fleet", "upgrade", "--targets", "targets.txt", "--targets-sql", "SELECT 1"], "give only one of them"),
            (["fleet", "upgrade", "--targets", "targets.txt", "-j", "0"], "-j 0"),
            (["fleet", "upgrade", "--targets", "targets.txt", "--stage", "10%,5%"], "must grow"),
            (["fleet", "upgrade", "--targets", "targets.txt", "--stage", "lots"], "'lots'"),
            (["fleet", "upgrade", "--schemas-sql", "SELECT 'a'"], "needs a database with schemas"),
            (["fleet", "upgrade", "--targets-sql", "SELECT n FROM tenants", "--url", "sqlite:///control.db"], "returned a Int64 in row 1"),
            (["fleet", "upgrade", "--targets-sql", "SELECT url FROM tenants", "--url", "sqlite:///control.db"], "returned NULL in row 1"),
            (["fleet", "upgrade", "--targets-sql", "SELECT url FROM tenants WHERE n = 2", "--url", "sqlite:///control.db"], "returned no rows"),
            (["fleet", "current", "--targets", "badline.txt"], "line 2"),
        };
        foreach (var (args, says) in cases)
        {
            var result = await CliRunner.RunAsync(env, args);
            Assert.True(result.ExitCode == 2, $"retort {string.Join(' ', args)}: {result}");
            Assert.Contains(says, result.Error);
            Assert.StartsWith("error: ", result.Error);
        }
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(env, "tenants")));
        Assert.False(File.Exists(Path.Combine(env, "retort-fleet.db")));
        Assert.False(File.Exists(Path.Combine(env, "app.db")));

        var none = await CliRunner.RunAsync(env, "fleet", "status");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("No fleet run is recorded", none.Out);
        Assert.False(File.Exists(Path.Combine(env, "retort-fleet.db")));
    }
}
