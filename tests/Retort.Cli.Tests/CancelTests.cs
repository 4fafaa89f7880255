using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Retort.Specification.Support;

namespace Retort.Cli.Tests;

/// <summary>Ctrl-C during an upgrade: the run stops where it safely can, says what it rolled back and kept, and exits 130.</summary>
public sealed class CancelTests
{
    private static long Scalar(string file, string sql)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False;Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1; // not there yet, or busy for a moment
        }
    }

    [Fact]
    public async Task Sigint_stops_the_run_says_what_was_kept_and_exits_130()
    {
        using var dir = new TempDir();
        var env = await SqlEnvironment.InitAsync(dir);
        var items = await SqlEnvironment.RevisionAsync(env, "items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);\n" +
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO items SELECT i, 0 FROM n;",
            "DROP TABLE items;");
        // One row per batch with a pause: long enough to be interrupted in the middle.
        var slow = await SqlEnvironment.RevisionAsync(env, "slow update", "-- retort:batched batch-size=1 target-ms=0 pause-ms=20\nUPDATE items SET v = 1;", null);
        var file = Path.Combine(env, "app.db");

        using var process = TestProcess.Start(CliRunner.StartInfo(env, "dotnet", ToolProcessTests.ToolPath(), "upgrade", "head"));
        var limit = TestProcess.Scaled(TimeSpan.FromMinutes(3));
        var watch = Stopwatch.StartNew();
        while (Scalar(file, "SELECT coalesce(max(rows_done), 0) FROM retort_progress") < 5)
        {
            Assert.False(process.Process.HasExited, $"the upgrade ended before it was interrupted: {process.Error}{process.Out}");
            if (watch.Elapsed > limit) Assert.Fail($"the batches never started: timed out after {limit.TotalSeconds:0} s. {process.Error}{process.Out}");
            await Task.Delay(20);
        }
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
            await kill.WaitForExitAsync();
        var (code, output, error) = await process.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(code == 130, $"exit {code}\n{output}\n{error}");
        Assert.StartsWith("error: Cancelled", error);
        Assert.Contains($"Kept from this upgrade: {items} (items).", error);
        Assert.Contains($"Revision {slow} is partly applied", error);
        Assert.Contains($"The database is at {items}", error);
        Assert.Contains($"-> {slow}, slow update ... failed", output);
        Assert.Equal(2000, Scalar(file, "SELECT count(*) FROM items"));
        var done = Scalar(file, "SELECT count(*) FROM items WHERE v = 1");
        Assert.True(done is > 0 and < 2000, $"{done} rows updated");
        Assert.Equal(done, Scalar(file, "SELECT rows_done FROM retort_progress WHERE rows_done > 0"));

        // The next run resumes where the batches stopped (batch sizes and pauses may change between runs).
        var revisionFile = Directory.GetFiles(Path.Combine(env, "Revisions"), slow + "*.sql").Single();
        File.WriteAllText(revisionFile, File.ReadAllText(revisionFile).Replace("batch-size=1 target-ms=0 pause-ms=20", "batch-size=1000", StringComparison.Ordinal));
        var rerun = await CliRunner.RunAsync(env, "upgrade", "head");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(2000, Scalar(file, "SELECT count(*) FROM items WHERE v = 1"));
    }
}
