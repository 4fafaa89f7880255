using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Retort.Specification.Fleet;
using Retort.Specification.Support;

namespace Retort.Cli.Tests;

/// <summary>
/// A real <c>retort fleet upgrade</c> process killed (SIGKILL, its whole tree) in the middle of a fleet of SQLite tenant files:
/// the rerun brings every target to head, each revision applied once per target, and the status table ends exact.
/// </summary>
public sealed class FleetKillTests
{
    private const int Tenants = 30;

    // Enough work per revision that the fleet is still running when the test kills it, on any machine.
    private const string Slow = "INSERT INTO work SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 250000) SELECT x FROM c);";

    private static long Scalar(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_fleet_killed_mid_run_resumes_and_applies_each_revision_once_per_target()
    {
        using var dir = new TempDir();
        var env = dir["env"];
        var ids = FleetEnvironment.Write(env, "sqlite:///app.db",
            ("CREATE TABLE work (n INTEGER);\n" + Slow, "DROP TABLE work;"),
            (Slow, "DELETE FROM work;"),
            ("CREATE TABLE items (id INTEGER PRIMARY KEY);", "DROP TABLE items;"));
        Directory.CreateDirectory(Path.Combine(env, "tenants"));
        File.WriteAllLines(Path.Combine(env, "targets.txt"), Enumerable.Range(1, Tenants).Select(i => $"sqlite:///tenants/t{i}.db"));
        var status = Path.Combine(env, "retort-fleet.db");

        long doneAtKill;
        using (var tool = TestProcess.Start(CliRunner.StartInfo(env, "dotnet", ToolProcessTests.ToolPath(), "fleet", "upgrade", "--targets", "targets.txt", "-j", "2")))
        {
            var limit = TestProcess.Scaled(TimeSpan.FromMinutes(2));
            var waited = Stopwatch.StartNew();
            while (true)
            {
                if (tool.Process.HasExited) Assert.Fail($"the fleet ended before it could be killed:\n{tool.Out}\n{tool.Error}");
                if (waited.Elapsed > limit)
                {
                    tool.Kill();
                    Assert.Fail($"timed out after {limit.TotalSeconds:0} s waiting for the fleet to get going:\n{tool.Out}\n{tool.Error}");
                }
                if (File.Exists(status) && TryDone(status) >= 3) break;
                await Task.Delay(50);
            }
            tool.Process.Kill(entireProcessTree: true);
            await tool.Process.WaitForExitAsync();
            doneAtKill = Scalar(status, "SELECT COUNT(*) FROM retort_fleet WHERE state = 'done'");
        }
        Assert.InRange(doneAtKill, 3, Tenants - 1);
        Assert.Equal(1, Scalar(status, "SELECT COUNT(*) FROM retort_fleet_runs WHERE state = 'running'"));

        var rerun = await CliRunner.RunAsync(env, "fleet", "upgrade", "--targets", "targets.txt", "-j", "2");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains($"every target is done ({Tenants - doneAtKill} now, {doneAtKill} already)", rerun.Out);
        for (var i = 1; i <= Tenants; i++)
        {
            var file = Path.Combine(env, "tenants", $"t{i}.db");
            Assert.Equal(ids[^1], ReadVersion(file));
            foreach (var id in ids)
                Assert.Equal(1, Scalar(file, $"SELECT COUNT(*) FROM retort_history WHERE revision = '{id}' AND direction = 'upgrade'"));
            // Each slow revision's row is there once: nothing was applied twice or half.
            Assert.Equal(2, Scalar(file, "SELECT COUNT(*) FROM work"));
        }
        Assert.Equal(Tenants, Scalar(status, $"SELECT COUNT(*) FROM retort_fleet WHERE state = 'done' AND current_revision = '{ids[^1]}' AND error IS NULL"));
        Assert.Equal(Tenants, Scalar(status, "SELECT COUNT(*) FROM retort_fleet"));
    }

    private static long TryDone(string status)
    {
        try { return Scalar(status, "SELECT COUNT(*) FROM retort_fleet WHERE state = 'done'"); }
        catch (SqliteException) { return 0; } // not created yet, or busy
    }

    private static string ReadVersion(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version_num FROM retort_version";
        return (string)command.ExecuteScalar()!;
    }
}
