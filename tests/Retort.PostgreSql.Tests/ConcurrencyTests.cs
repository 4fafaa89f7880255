using System.Diagnostics;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests;

public class ConcurrencyTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static string ProbePath()
    {
        // The probe is built next to the tests: same configuration and framework folders.
        var baseDir = AppContext.BaseDirectory;
        var probeDir = baseDir.Replace("Retort.PostgreSql.Tests", "Retort.PostgreSql.ConcurrencyProbe", StringComparison.Ordinal);
        var path = Path.Combine(probeDir, "Retort.PostgreSql.ConcurrencyProbe.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the concurrency probe is missing.", path);
    }

    [PgFact]
    public async Task Six_processes_upgrading_at_once_apply_every_revision_exactly_once()
    {
        var probe = ProbePath();
        var processes = Enumerable.Range(0, 6).Select(_ =>
        {
            var info = new ProcessStartInfo("dotnet");
            info.ArgumentList.Add(probe);
            info.ArgumentList.Add(db.Url);
            return TestProcess.Start(info);
        }).ToList();
        var results = await Task.WhenAll(processes.Select(async p =>
        {
            var (code, output, error) = await p.WaitAsync(TimeSpan.FromMinutes(5));
            return (ExitCode: code, Output: output.Trim(), Error: error.Trim());
        }));
        foreach (var p in processes) p.Dispose();

        foreach (var r in results) Assert.True(r.ExitCode == 0, $"a probe failed ({r.ExitCode}): {r.Error}{r.Output}");
        Assert.Equal(4, results.Sum(r => int.Parse(r.Output.Split(' ')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("p1,p2,p3,p4", await db.ScalarAsync<string>("SELECT string_agg(revision, ',' ORDER BY revision) FROM probe_log"));
        Assert.Equal(4L, await db.ScalarAsync<long>("SELECT count(*) FROM retort_history WHERE direction = 'upgrade'"));
        Assert.Equal("p4", await db.ScalarAsync<string>("SELECT version_num FROM retort_version"));
    }

    [PgFact]
    public async Task A_run_waits_for_the_advisory_lock_and_gives_up_with_a_clear_error()
    {
        await using var holder = await db.ConnectAsync();
        var key = new PostgreSqlOptions().AdvisoryLockKey;
        await new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({key})", holder).ExecuteScalarAsync();
        await using var database = db.Open();
        var migrator = new Migrator(database, new RevisionSet([]), new MigratorOptions { LockTimeout = TimeSpan.FromSeconds(1), VersionTable = "lock_test_version", HistoryTable = "lock_test_history" });
        var e = await Assert.ThrowsAsync<RetortException>(() => migrator.UpgradeAsync("head"));
        Assert.Contains("waiting for another migration run", e.Message);
        await new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({key})", holder).ExecuteScalarAsync();
        Assert.Empty(await migrator.UpgradeAsync("heads")); // an empty environment has no single head
    }
}
