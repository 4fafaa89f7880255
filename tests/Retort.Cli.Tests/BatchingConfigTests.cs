using System.Text.Json;

namespace Retort.Cli.Tests;

/// <summary>
/// <c>retort.json</c>'s <c>batching</c> as the tool reads it: the batches of a <c>-- retort:batched</c> line without
/// options follow it (seen in <c>upgrade --json</c>'s progress events), a line's own options win, and a value that
/// cannot work stops every command with the key named and the database untouched.
/// </summary>
public sealed class BatchingConfigTests
{
    /// <summary>Puts <paramref name="batching"/> into the environment's retort.json.</summary>
    private static void SetBatching(string env, string batching)
    {
        var path = Path.Combine(env, "retort.json");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, "{ \"batching\": " + batching + "," + text[(text.IndexOf('{') + 1)..]);
    }

    [Fact]
    public async Task A_batched_update_without_options_runs_in_batches_of_the_config_and_one_with_options_in_its_own()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        SetBatching(env, """{ "batchSize": 25, "targetBatchMs": 0 }""");
        await SqlEnvironment.RevisionAsync(env, "items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL DEFAULT 0, w INTEGER NOT NULL DEFAULT 0);\n" +
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO items (id) SELECT i FROM n;", "DROP TABLE items;");
        var byConfig = await SqlEnvironment.RevisionAsync(env, "fill v", "-- retort:batched\nUPDATE items SET v = id;", "UPDATE items SET v = 0;");
        var own = await SqlEnvironment.RevisionAsync(env, "fill w", "-- retort:batched batch-size=40 target-ms=0\nUPDATE items SET w = id;", "UPDATE items SET w = 0;");

        var upgrade = await CliRunner.RunAsync(env, "upgrade", "head", "--json");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        var progress = upgrade.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => { using var d = JsonDocument.Parse(line); return d.RootElement.Clone(); })
            .Where(e => e.GetProperty("event").GetString() == "dataProgress").ToList();
        List<long> RowsDone(string revision) => progress.Where(p => p.GetProperty("revision").GetString() == revision)
            .Select(p => p.GetProperty("rowsDone").GetInt64()).Distinct().ToList();
        Assert.Equal([25L, 50, 75, 100], RowsDone(byConfig));
        Assert.Equal([40L, 80, 100], RowsDone(own));
    }

    [Fact]
    public async Task Batching_that_cannot_work_is_an_error_naming_the_key_and_nothing_is_created()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "one", "CREATE TABLE one (id INTEGER);", "DROP TABLE one;");
        SetBatching(env, """{ "batchSize": 0 }""");
        var result = await CliRunner.RunAsync(env, "upgrade", "head");
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("\"batching.batchSize\" must be at least 1 (it is 0)", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(Path.Combine(env, "app.db")));
    }
}
