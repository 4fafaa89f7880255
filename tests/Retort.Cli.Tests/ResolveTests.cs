using Microsoft.Data.Sqlite;

namespace Retort.Cli.Tests;

/// <summary>
/// A batched UPDATE of a SQL revision that fails part way, handled as a user would: <c>current</c> says how to settle
/// it, <c>downgrade -1</c> is refused instead of undoing the revision below it, <c>resolve --undo</c> takes it back,
/// <c>resolve --finish</c> completes it, and <c>stamp --purge</c> leaves no progress rows.
/// </summary>
public sealed class ResolveTests
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

    private static async Task<CliResult> FailPartWayAsync(string env)
    {
        var failed = await CliRunner.RunAsync(env, "upgrade", "head");
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("NOT NULL constraint failed", failed.Error);
        Assert.True(Scalar(env, "SELECT count(*) FROM retort_progress") > 0);
        return failed;
    }

    [Fact]
    public async Task A_failed_batched_update_is_reported_blocks_downgrade_and_is_undone_finished_or_purged()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var items = await SqlEnvironment.RevisionAsync(env, "items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, data TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0);\n" +
            $"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {Rows}) INSERT INTO items (id, data) SELECT i, 'item ' || i FROM s;\n" +
            "UPDATE items SET data = 'boom' WHERE id = 2000;",
            "DROP TABLE items;");
        var fill = await SqlEnvironment.RevisionAsync(env, "count items",
            "-- retort:batched batch-size=300 target-ms=0\nUPDATE items SET n = CASE WHEN data = 'boom' THEN NULL ELSE n + 1 END;",
            "-- retort:batched batch-size=1000\nUPDATE items SET n = 0;");

        await FailPartWayAsync(env);
        var current = await CliRunner.OkAsync(env, "current");
        Assert.StartsWith(items, current);
        Assert.Contains($"{fill} (in progress: upgrade partly applied", current);
        Assert.Contains($"'retort resolve {fill} --finish'", current);
        Assert.Contains($"'retort resolve {fill} --undo'", current);

        var refused = await CliRunner.RunAsync(env, "downgrade", "-1");
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"Revision {fill} is partly applied", refused.Error);
        Assert.Contains($"'retort resolve {fill} --undo'", refused.Error);
        Assert.StartsWith(items, await CliRunner.OkAsync(env, "current"));
        Assert.Equal(Rows, Scalar(env, "SELECT count(*) FROM items"));

        var none = await CliRunner.RunAsync(env, "resolve", fill);
        Assert.True(none.ExitCode == 1, none.ToString());
        Assert.Contains("exactly one of --finish", none.Error);
        var unknown = await CliRunner.RunAsync(env, "resolve", items, "--undo");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains($"Revision '{items}' is not partly applied; the partly applied revision(s): {fill}", unknown.Error);

        var undone = await CliRunner.OkAsync(env, "resolve", fill[..6], "--undo");
        Assert.Contains($"Running downgrade {fill} -> {items}", undone);
        Assert.Contains($"Undid what revision {fill} had committed", undone);
        Assert.Contains($"The database is at {items}", undone);
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM items WHERE n <> 0"));
        Assert.DoesNotContain("in progress", await CliRunner.OkAsync(env, "current"));

        await FailPartWayAsync(env);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False"))
        {
            connection.Open();
            using var fix = connection.CreateCommand();
            fix.CommandText = "UPDATE items SET data = 'fixed' WHERE id = 2000";
            fix.ExecuteNonQuery();
        }
        var finished = await CliRunner.OkAsync(env, "resolve", fill, "--finish");
        Assert.Contains($"Running upgrade {items} -> {fill}", finished);
        Assert.Contains($"The database is at {fill} (head)", finished);
        Assert.Equal(Rows, Scalar(env, "SELECT count(*) FROM items WHERE n = 1"));

        await CliRunner.OkAsync(env, "downgrade", "-1");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(env, "app.db")};Pooling=False"))
        {
            connection.Open();
            using var boom = connection.CreateCommand();
            boom.CommandText = "UPDATE items SET data = 'boom' WHERE id = 2000";
            boom.ExecuteNonQuery();
        }
        await FailPartWayAsync(env);
        Assert.Contains("Stamped", await CliRunner.OkAsync(env, "stamp", items, "--purge"));
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM retort_progress"));
        Assert.DoesNotContain("in progress", await CliRunner.OkAsync(env, "current"));

        // Partly applied again, then its file deleted: still reported, with the command that clears it.
        await FailPartWayAsync(env);
        File.Delete(Directory.GetFiles(Path.Combine(env, "Revisions"), fill + "*.sql").Single());
        var orphan = await CliRunner.OkAsync(env, "current");
        Assert.Contains($"{fill} (in progress: upgrade partly applied", orphan);
        Assert.Contains($"no revision file defines it: restore the file, or undo what it did by hand and run 'retort resolve {fill} --forget'", orphan);
        var forgotten = await CliRunner.OkAsync(env, "resolve", fill, "--forget");
        Assert.Contains($"Removed the progress rows of revision {fill}; nothing was run", forgotten);
        Assert.DoesNotContain("in progress", await CliRunner.OkAsync(env, "current"));
        Assert.Equal(0, Scalar(env, "SELECT count(*) FROM retort_progress"));
    }
}
