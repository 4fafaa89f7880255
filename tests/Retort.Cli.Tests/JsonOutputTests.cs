using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>--json</c> on the reading commands and the events of <c>upgrade --json</c>, parsed and checked field by field
/// against a real SQLite database (docs/json-output.md); redirected output without box drawing.
/// </summary>
public sealed class JsonOutputTests
{
    private static JsonElement Parse(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Out);
        return document.RootElement.Clone();
    }

    private static List<JsonElement> Events(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => { using var d = JsonDocument.Parse(line); return d.RootElement.Clone(); }).ToList();

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static List<string> Column(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return rows;
    }

    [Fact]
    public async Task Reading_commands_and_upgrade_print_the_documented_json()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "create items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, upper_name TEXT);\n" +
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 700) INSERT INTO items (id, name) SELECT i, 'item ' || i FROM s;",
            "DROP TABLE items;");
        var fill = await SqlEnvironment.RevisionAsync(env, "fill upper_name",
            "-- retort:batched batch-size=200 target-ms=0\nUPDATE items SET upper_name = upper(name) WHERE upper_name IS NULL;", "UPDATE items SET upper_name = NULL;");
        var side = await SqlEnvironment.RevisionAsync(env, "side branch", "CREATE TABLE side (id INTEGER);", "DROP TABLE side;",
            "--head", first, "--splice", "--branch-label", "side");

        var heads = Parse(await CliRunner.RunAsync(env, "heads", "--json"));
        Assert.Equal(1, heads.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("heads", heads.GetProperty("command").GetString());
        Assert.Equal(new[] { fill, side }.Order(StringComparer.Ordinal), heads.GetProperty("heads").EnumerateArray().Select(h => h.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal));
        var sideJson = heads.GetProperty("heads").EnumerateArray().Single(h => h.GetProperty("id").GetString() == side);
        Assert.Equal([first], Strings(sideJson.GetProperty("parents")));
        Assert.Equal(["side"], Strings(sideJson.GetProperty("branchLabels")));
        Assert.Equal("side branch", sideJson.GetProperty("message").GetString());
        Assert.True(sideJson.GetProperty("head").GetBoolean());
        Assert.False(sideJson.GetProperty("mergePoint").GetBoolean());

        var branches = Parse(await CliRunner.RunAsync(env, "branches", "--json"));
        var point = Assert.Single(branches.GetProperty("branchPoints").EnumerateArray());
        Assert.Equal(first, point.GetProperty("revision").GetProperty("id").GetString());
        Assert.True(point.GetProperty("revision").GetProperty("branchPoint").GetBoolean());
        Assert.Equal(new[] { fill, side }.Order(StringComparer.Ordinal), point.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));

        var show = Parse(await CliRunner.RunAsync(env, "show", fill, "--json"));
        var detail = Assert.Single(show.GetProperty("revisions").EnumerateArray());
        Assert.Equal(fill, detail.GetProperty("id").GetString());
        Assert.EndsWith(".sql", detail.GetProperty("location").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("irreversibleReason").ValueKind);
        Assert.Contains("upper_name", Assert.Single(detail.GetProperty("upgrade").GetProperty("operations").EnumerateArray()).GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("upgrade").GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Array, detail.GetProperty("downgrade").GetProperty("operations").ValueKind);

        // The database does not exist yet: current says so and creates nothing.
        var none = Parse(await CliRunner.RunAsync(env, "current", "--json"));
        Assert.False(none.GetProperty("databaseExists").GetBoolean());
        Assert.Empty(none.GetProperty("current").EnumerateArray());
        Assert.False(File.Exists(Path.Combine(env, "app.db")));

        // upgrade --json: one event a line, in order, with durations and the data step's progress.
        var upgrade = await CliRunner.RunAsync(env, "upgrade", fill, "--json");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        var events = Events(upgrade.Out);
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("schemaVersion").GetInt32()));
        Assert.Equal("runStarted", events[0].GetProperty("event").GetString());
        Assert.Equal("upgrade", events[0].GetProperty("command").GetString());
        Assert.Equal(fill, events[0].GetProperty("target").GetString());
        Assert.EndsWith("app.db", events[0].GetProperty("database").GetString());
        var kinds = events.Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal("runFinished", kinds[^1]);
        Assert.Equal([first, fill], events.Where(e => e.GetProperty("event").GetString() == "revisionStarted").Select(e => e.GetProperty("revision").GetString()!));
        var finished = events.Where(e => e.GetProperty("event").GetString() == "revisionFinished").ToList();
        Assert.Equal([first, fill], finished.Select(e => e.GetProperty("revision").GetString()!));
        Assert.All(finished, e => Assert.True(e.GetProperty("durationMs").GetDouble() >= 0));
        Assert.Equal(700, finished[1].GetProperty("rows").GetInt64());
        var progress = events.Where(e => e.GetProperty("event").GetString() == "dataProgress").ToList();
        Assert.True(progress.Count >= 4, upgrade.Out);
        Assert.All(progress, p => Assert.Equal(fill, p.GetProperty("revision").GetString()));
        Assert.Equal(700, progress[^1].GetProperty("rowsDone").GetInt64());
        Assert.True(progress[^1].GetProperty("finished").GetBoolean());
        Assert.True(kinds.IndexOf("dataProgress") > kinds.IndexOf("revisionStarted") && kinds.LastIndexOf("dataProgress") < kinds.LastIndexOf("revisionFinished"));
        Assert.Equal([fill], Strings(events[^1].GetProperty("heads")));
        Assert.Equal(2, events[^1].GetProperty("revisionsRun").GetInt32());
        Assert.Equal(["700"], Column(env, "SELECT count(*) FROM items WHERE upper_name = upper(name)"));

        var current = Parse(await CliRunner.RunAsync(env, "current", "--json"));
        Assert.Equal("current", current.GetProperty("command").GetString());
        Assert.True(current.GetProperty("databaseExists").GetBoolean());
        Assert.Equal(Column(env, "SELECT version_num FROM retort_version"), current.GetProperty("current").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
        Assert.Empty(current.GetProperty("inProgress").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("problem").ValueKind);

        // history -i: every revision, newest first, with whether the database is at it; without -i "current" is null.
        var history = Parse(await CliRunner.RunAsync(env, "history", "-i", "--json"));
        Assert.Equal([fill], Strings(history.GetProperty("current")));
        var rows = history.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(first, rows[^1].GetProperty("id").GetString());
        Assert.True(rows.Single(r => r.GetProperty("id").GetString() == fill).GetProperty("current").GetBoolean());
        Assert.False(rows.Single(r => r.GetProperty("id").GetString() == side).GetProperty("current").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Parse(await CliRunner.RunAsync(env, "history", "--json")).GetProperty("current").ValueKind);

        // A run that fails ends with runFailed (what it rolled back, the exit code), and the error stays on standard error.
        var broken = await SqlEnvironment.RevisionAsync(env, "broken", "CREATE TABLE side2 (id INTEGER);\nINSERT INTO no_such_table VALUES (1);", null, "--head", fill);
        var failed = await CliRunner.RunAsync(env, "upgrade", broken, "--json");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("no_such_table", failed.Error);
        var end = Events(failed.Out)[^1];
        Assert.Equal("runFailed", end.GetProperty("event").GetString());
        Assert.Contains("no_such_table", end.GetProperty("error").GetString());
        Assert.Equal([broken], Strings(end.GetProperty("rolledBack")));
        Assert.Equal(1, end.GetProperty("exitCode").GetInt32());
        Assert.False(end.GetProperty("cancelled").GetBoolean());
        Assert.Empty(Column(env, "SELECT name FROM sqlite_master WHERE name = 'side2'"));

        // A mistyped option is a usage error (exit 2), and --json with --sql is refused (exit 1): the script is the output.
        Assert.Equal(2, (await CliRunner.RunAsync(env, "upgrade", "head", "--jsn")).ExitCode);
        var both = await CliRunner.RunAsync(env, "upgrade", "head", "--sql", "--json");
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("--sql runs nothing", both.Error);
    }

    [Fact]
    public async Task Redirected_output_has_no_box_drawing_or_escape_codes()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var first = await SqlEnvironment.RevisionAsync(env, "create items", "CREATE TABLE items (id INTEGER PRIMARY KEY);", "DROP TABLE items;");
        await SqlEnvironment.RevisionAsync(env, "more", "CREATE TABLE more (id INTEGER);", "DROP TABLE more;");
        await CliRunner.OkAsync(env, "upgrade", first);
        var output = new List<string>();
        foreach (var args in new[] { ["history"], ["history", "-i"], ["history", "-v"], ["current", "-v"], ["heads", "-v"], ["show", first], ["upgrade", "head"], new[] { "test" } })
        {
            var result = await CliRunner.RunAsync(env, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, args);
            Assert.True(result.ExitCode == 0, result.ToString());
            output.Add(result.Out + result.Error);
        }
        var all = string.Join("\n", output);
        Assert.Contains("create items", all);
        // Box drawing and block elements (U+2500–U+259F), and ANSI escape sequences.
        Assert.DoesNotContain(all, c => c is >= '\u2500' and <= '\u259F');
        Assert.DoesNotContain('\u001b', all);
        // The history table is still a table: its header and a row, aligned by spaces.
        Assert.Matches(@"Revision\s+Parent\s+Message", output[0]);
        Assert.Matches($@"{first}\s+<base>\s+\(current\)\s+create items", output[1]);
    }
}
