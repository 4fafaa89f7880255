using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retort.Commands;
using Retort.Environments;
using Retort.Hosting.Tests.Support;
using Retort.Specification.Cli;

namespace Retort.Hosting.Tests;

/// <summary>
/// The default batching of data steps that set none of their own, from the host's <c>Retort:Batching</c> section or the
/// environment's <c>retort.json</c>, on a real SQLite file: the batches it makes (counted from the data log's
/// batch-committed entries), a step's own batching kept, no revision looking edited when the default changes, and bad
/// settings stopping the host at start.
/// </summary>
public sealed partial class BatchingTests
{
    private const int Rows = 200;

    /// <summary>items with 200 gapless keys, then a batched backfill without batch options and one with its own batch size (30).</summary>
    private static (string Env, string Backfill, string OwnBatches) Environment(TempDir dir, string? batchingJson = null)
    {
        var env = SqlRevisions.Create(dir["migrations"]);
        if (batchingJson is not null)
            File.WriteAllText(Path.Combine(env, "retort.json"), $"{{ \"revisions\": \"Revisions\", \"batching\": {batchingJson} }}\n");
        string a = SqlRevisions.NewId(), b = SqlRevisions.NewId(), c = SqlRevisions.NewId();
        SqlRevisions.Revision(env, a, null, "create items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL DEFAULT 0, w INTEGER NOT NULL DEFAULT 0);\n" +
            $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Rows}) INSERT INTO items (id) SELECT i FROM n;", "DROP TABLE items;");
        SqlRevisions.Revision(env, b, a, "backfill v", "-- retort:batched\nUPDATE items SET v = id;", "UPDATE items SET v = 0;");
        SqlRevisions.Revision(env, c, b, "backfill w", "-- retort:batched batch-size=30 target-ms=0\nUPDATE items SET w = id;", "UPDATE items SET w = 0;");
        return (env, b, c);
    }

    private static Dictionary<string, string?> Settings(string db, int? batchSize = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Retort:Url"] = "sqlite:///" + db,
            ["Retort:Environment"] = "migrations",
            ["Retort:MigrateOnStart"] = "true",
        };
        if (batchSize is { } size)
        {
            settings["Retort:Batching:BatchSize"] = size.ToString(CultureInfo.InvariantCulture);
            settings["Retort:Batching:TargetBatchDuration"] = ""; // none: a fixed size
        }
        return settings;
    }

    [GeneratedRegex(@"^Batch of revision (?<revision>\w+) \(step \d+\): (?<rows>\d+) row\(s\)")]
    private static partial Regex BatchLine();

    /// <summary>The rows of each committed batch of <paramref name="revision"/>, from the data log.</summary>
    private static List<int> Batches(ListLoggerProvider logs, string revision) => logs.Entries
        .Where(e => e.EventId == RetortEventIds.BatchCommitted && e.Category == RetortLogCategories.Data)
        .Select(e => BatchLine().Match(e.Text))
        .Where(m => m.Success && m.Groups["revision"].Value == revision && m.Groups["rows"].Value != "0")
        .Select(m => int.Parse(m.Groups["rows"].Value, CultureInfo.InvariantCulture)).ToList();

    private static List<int> Sizes(int size) =>
        Enumerable.Range(0, (Rows + size - 1) / size).Select(i => Math.Min(size, Rows - i * size)).ToList();

    private static void AssertFilled(string db) =>
        Assert.Equal(Rows, Convert.ToInt32(SqliteFile.Query(db, "SELECT count(*) FROM items WHERE v = id AND w = id")[0][0], CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_hosts_batch_size_sizes_the_steps_without_their_own_and_changing_it_edits_no_revision()
    {
        using var dir = new TempDir();
        var (_, backfill, own) = Environment(dir);
        var db = dir["app.db"];
        var logs = new ListLoggerProvider();
        using (var host = TestHost.Build(dir.Path, Settings(db, batchSize: 40), logs: logs))
        {
            await host.StartAsync();
            await host.StopAsync();
        }
        Assert.Equal(Sizes(40), Batches(logs, backfill));
        Assert.Equal(Sizes(30), Batches(logs, own));
        AssertFilled(db);

        // Another default (or none) later: the applied revisions' checksums never held it, so nothing looks edited.
        foreach (var size in new int?[] { 25, null })
        {
            using var again = TestHost.Build(dir.Path, Settings(db, batchSize: size));
            await again.StartAsync();
            var health = await TestHost.HealthAsync(again);
            Assert.True(health.Status == HealthStatus.Healthy, health.Description);
            await again.StopAsync();
        }
    }

    [Fact]
    public async Task Retort_json_batching_is_read_by_the_commands_and_the_host_and_the_hosts_setting_wins()
    {
        using var dir = new TempDir();
        var (env, backfill, own) = Environment(dir, """{ "batchSize": 25, "targetBatchMs": 0 }""");

        // The commands as the tool runs them: the environment's batching.
        var logs = new ListLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs)))
        {
            var commands = new MigrationCommands(new CommandConfig
            {
                Environment = MigrationsEnvironment.Open(Path.Combine(env, EnvironmentConfig.FileName)),
                Url = "sqlite:///" + dir["commands.db"],
                LoggerFactory = factory,
            });
            await commands.UpgradeAsync("head");
        }
        Assert.Equal(Sizes(25), Batches(logs, backfill));
        Assert.Equal(Sizes(30), Batches(logs, own));
        AssertFilled(dir["commands.db"]);

        // A host without a batching setting of its own: the environment's; with one: the host's.
        foreach (var (db, size, expected) in new[] { (dir["env.db"], (int?)null, 25), (dir["host.db"], 40, 40) })
        {
            var hostLogs = new ListLoggerProvider();
            using var host = TestHost.Build(dir.Path, Settings(db, size), logs: hostLogs);
            await host.StartAsync();
            await host.StopAsync();
            Assert.Equal(Sizes(expected), Batches(hostLogs, backfill));
            Assert.Equal(Sizes(30), Batches(hostLogs, own));
            AssertFilled(db);
        }
    }

    [Theory]
    [InlineData("BatchSize", "0", "Retort:Batching:BatchSize must be at least 1 (it is 0).")]
    [InlineData("BatchSize", "-5", "Retort:Batching:BatchSize must be at least 1 (it is -5).")]
    [InlineData("MaxBatchSize", "5", "Retort:Batching:BatchSize (1000) is above Retort:Batching:MaxBatchSize (5); raise Retort:Batching:MaxBatchSize too.")]
    [InlineData("PauseBetweenBatches", "-00:00:01", "Retort:Batching:PauseBetweenBatches must not be negative")]
    [InlineData("TargetBatchDuration", "00:00:00", "Retort:Batching:TargetBatchDuration must be positive")]
    public async Task Bad_batching_stops_the_host_at_start_with_a_clear_message(string key, string value, string expected)
    {
        using var dir = new TempDir();
        Environment(dir);
        var settings = Settings(dir["app.db"]);
        settings["Retort:Batching:" + key] = value;
        using var host = TestHost.Build(dir.Path, settings);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, error.Message);
        Assert.Contains("Retort:Batching sets the batches of data steps that set none of their own", error.Message);
        // Nothing was created: validation runs before migrate-on-start.
        Assert.False(File.Exists(dir["app.db"]));
    }
}
