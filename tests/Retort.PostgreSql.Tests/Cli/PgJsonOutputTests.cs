using System.Text.Json;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Cli;

namespace Retort.PostgreSql.Tests.Cli;

/// <summary>
/// <c>upgrade --json</c> and <c>current --json</c> against a real PostgreSQL database (a batched backfill's progress
/// events, the heads afterwards), and <c>report --html</c> with the server's lint finding on a pending index.
/// </summary>
public sealed class PgJsonOutputTests
{
    private static List<JsonElement> Events(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => { using var d = JsonDocument.Parse(line); return d.RootElement.Clone(); }).ToList();

    [PgFact]
    public async Task Upgrade_events_current_and_report_on_postgresql()
    {
        await using var env = await PgCliEnvironment.CreateAsync();
        var create = await env.RevisionAsync("create items",
            "CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, upper_name text);\n" +
            "INSERT INTO items (id, name) SELECT i, 'item ' || i FROM generate_series(1, 500) AS i;", "DROP TABLE items;");
        var fill = await env.RevisionAsync("fill upper_name",
            "-- retort:batched batch-size=100 target-ms=0\nUPDATE items SET upper_name = upper(name) WHERE upper_name IS NULL;", "UPDATE items SET upper_name = NULL;");
        var index = await env.RevisionAsync("index names", "CREATE INDEX ix_items_name ON items (name);", "DROP INDEX ix_items_name;");

        var upgrade = await env.RunAsync("upgrade", fill, "--json");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        var events = Events(upgrade.Out);
        Assert.Equal("runStarted", events[0].GetProperty("event").GetString());
        Assert.StartsWith("postgresql://", events[0].GetProperty("database").GetString());
        var finished = events.Where(e => e.GetProperty("event").GetString() == "revisionFinished").ToList();
        Assert.Equal([create, fill], finished.Select(e => e.GetProperty("revision").GetString()!));
        Assert.Equal(500, finished[1].GetProperty("rows").GetInt64());
        var progress = events.Where(e => e.GetProperty("event").GetString() == "dataProgress").ToList();
        Assert.True(progress.Count >= 5, upgrade.Out);
        Assert.Equal(500, progress[^1].GetProperty("rowsDone").GetInt64());
        Assert.Equal("runFinished", events[^1].GetProperty("event").GetString());
        Assert.Equal([fill], events[^1].GetProperty("heads").EnumerateArray().Select(h => h.GetString()!));
        Assert.Equal(500L, await env.Database.ScalarAsync<long>("SELECT count(*) FROM items WHERE upper_name = upper(name)"));

        var current = await env.RunAsync("current", "--json");
        Assert.True(current.ExitCode == 0, current.ToString());
        using (var document = JsonDocument.Parse(current.Out))
        {
            var root = document.RootElement;
            Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(fill, Assert.Single(root.GetProperty("current").EnumerateArray()).GetProperty("id").GetString());
            Assert.Equal(await env.Database.ScalarAsync<string>("SELECT version_num FROM retort_version"), fill);
        }

        var report = await env.RunAsync("report", "--html");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains($"<span class=\"id\">{index}</span><span class=\"badge head\">head</span>", report.Out);
        Assert.Matches($@"<tr class=""finding""><td class=""severity-(error|warning)"">.*?</td><td><code>RT\d+</code>[^<]*</td><td class=""id"">{index}</td>", report.Out);
        Assert.Contains("CONCURRENTLY", report.Out);
        Assert.Contains($"<td class=\"id\">{fill}</td><td>upgrade</td>", report.Out);
    }
}
