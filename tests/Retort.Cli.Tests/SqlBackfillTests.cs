using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// A batched backfill written in a SQL revision (<c>-- retort:batched</c> before an UPDATE), run by the CLI as a
/// user runs it: every row updated once in checkpointed batches, the rows in the done line and the history, the
/// downgrade batched too, the offline script one plain UPDATE, and a malformed line refused before anything runs.
/// </summary>
public sealed class SqlBackfillTests
{
    private const int Rows = 2500;

    private static long Scalar(string env, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task A_batched_update_in_a_sql_revision_runs_in_checkpointed_batches_both_ways()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, data TEXT NOT NULL, data_upper TEXT, n INTEGER NOT NULL DEFAULT 0);\n" +
            $"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {Rows}) INSERT INTO items (id, data) SELECT i, 'item ' || i FROM s;",
            "DROP TABLE items;");
        var fill = await SqlEnvironment.RevisionAsync(env, "fill data_upper",
            "-- retort:batched batch-size=300 target-ms=0\nUPDATE items SET data_upper = upper(data), n = n + 1 WHERE data_upper IS NULL;",
            "-- retort:batched batch-size=1000\nUPDATE items SET data_upper = NULL, n = n + 10;");

        var script = await CliRunner.OkAsync(env, "upgrade", "head", "--sql");
        Assert.Contains("UPDATE \"items\" SET data_upper = upper(data), n = n + 1 WHERE data_upper IS NULL;", script);

        var upgrade = await CliRunner.OkAsync(env, "upgrade", "head");
        Assert.Contains($"fill data_upper ... done", upgrade);
        Assert.Contains($"{Rows:N0} rows", upgrade);
        Assert.Equal(Rows, Scalar(env, "SELECT count(*) FROM items WHERE data_upper = upper(data) AND n = 1"));
        Assert.Equal(Rows, Scalar(env, $"SELECT rows_affected FROM retort_history WHERE revision = '{fill}' AND direction = 'upgrade'"));
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM retort_progress"));

        await CliRunner.OkAsync(env, "downgrade", "-1");
        Assert.Equal(Rows, Scalar(env, "SELECT count(*) FROM items WHERE data_upper IS NULL AND n = 11"));
    }

    [Fact]
    public async Task A_batched_line_before_anything_but_a_plain_update_fails_before_the_revision_runs()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        await SqlEnvironment.RevisionAsync(env, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY, a INTEGER);\nINSERT INTO items (a) VALUES (1);", "DROP TABLE items;");
        await SqlEnvironment.RevisionAsync(env, "bad",
            "UPDATE items SET a = 2;\n-- retort:batched\nUPDATE items SET a = b.a FROM items AS b WHERE b.id = items.id;", null);

        var failed = await CliRunner.RunAsync(env, "upgrade", "head");
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("FROM is not supported in a batched UPDATE", failed.Error);
        // Plans are built before the first revision runs: nothing ran, not even the revision before it.
        Assert.StartsWith("base", await CliRunner.OkAsync(env, "current"));
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM sqlite_master WHERE name = 'items'"));
    }
}
