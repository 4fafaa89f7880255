using System.Diagnostics;
using Retort.Specification.Support;

namespace Retort.Specification.Data;

/// <summary>
/// Kill -9 in the middle of a data migration: a separate process runs the probe revision (schema phase,
/// C# transform, non-idempotent backfill, small batches); the test kills it once the checkpoint passed a point
/// (where the probe holds), runs it again to the end, and compares everything with an uninterrupted run on the same data.
/// </summary>
public abstract class KillResumeSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private const int Rows = 3000;

    private string ProbePath()
    {
        var testProject = GetType().Assembly.GetName().Name!;
        var dir = AppContext.BaseDirectory.Replace(testProject, "Retort.DataMigrationProbe", StringComparison.Ordinal);
        var path = Path.Combine(dir, "Retort.DataMigrationProbe.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the data migration probe is missing.", path);
    }

    private TestProcess StartProbe(string url, string strategy, string? holdAt = null)
    {
        var info = new ProcessStartInfo("dotnet");
        info.Environment["RETORT_PROBE_STRATEGY"] = strategy;
        if (holdAt is not null) info.Environment["RETORT_PROBE_HOLD_AT"] = holdAt;
        // The natively compiled tool runs socket continuations inline; the copy-and-swap probe runs that way too (in
        // that mode NpgsqlTransaction's savepoint methods stalled for up to half a minute, so the copy no longer uses them).
        if (strategy == "copy-and-swap") info.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        info.ArgumentList.Add(ProbePath());
        info.ArgumentList.Add(url);
        return TestProcess.Start(info);
    }

    private async Task RunProbeToEndAsync(string url, string strategy = "in-place")
    {
        using var p = StartProbe(url, strategy);
        // A run takes a few seconds; the limit only keeps a stuck run from hanging the suite.
        var (code, output, error) = await p.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"the probe failed ({code}): {error}{output}");
    }

    private static readonly Dictionary<(Type, bool), Task<string>> Uninterrupted = [];

    /// <summary>The result of one uninterrupted run per dialect and fixture, shared by the kill points.</summary>
    private Task<string> UninterruptedAsync(bool integerKey)
    {
        lock (Uninterrupted)
        {
            if (!Uninterrupted.TryGetValue((GetType(), integerKey), out var result)) Uninterrupted[(GetType(), integerKey)] = result = RunUninterruptedAsync(integerKey);
            return result;
        }
    }

    private async Task<string> RunUninterruptedAsync(bool integerKey)
    {
        await using var db = await CreateDatabaseAsync();
        await DataFixtures.CreateItemsAsync(db, Rows, integerKey);
        await RunProbeToEndAsync(db.Url);
        return await DataFixtures.ProbeResultAsync(db);
    }

    private static async Task<long?> CheckpointAsync(TestDatabase db, int step)
    {
        try
        {
            var rows = await db.QueryAsync($"SELECT rows_done FROM retort_progress WHERE step = {step}");
            return rows.Count == 0 ? null : Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the table is not there yet, or the database is busy for a moment
        }
    }

    [SpecTheory]
    [InlineData(1, 100, false)]   // early in the transform
    [InlineData(1, 1900, false)]  // late in the transform
    [InlineData(2, 1200, false)]  // in the backfill
    [InlineData(2, 700, true)]    // in the backfill over an INTEGER key (SQLite: the rowid), batched by key value
    public Task Killed_mid_step_and_rerun_gives_exactly_the_uninterrupted_result(int step, long afterRows, bool integerKey) =>
        KillAndRerunAsync(step, afterRows, integerKey, "in-place");

    /// <summary>
    /// Runs the probe with the backfill <paramref name="strategy"/> ("in-place" or "copy-and-swap"), kills it once
    /// step <paramref name="step"/>'s checkpoint passed <paramref name="afterRows"/>, reruns it to the end and
    /// compares everything with an uninterrupted in-place run: the strategy must not change the result. The probe
    /// itself stops at the kill point (RETORT_PROBE_HOLD_AT), inside the transform's next batch or between two
    /// batches of the backfill, so where it is killed does not depend on how fast the machine is.
    /// </summary>
    protected async Task KillAndRerunAsync(int step, long afterRows, bool integerKey, string strategy)
    {
        var expected = await UninterruptedAsync(integerKey);
        await using var db = await CreateDatabaseAsync();
        await DataFixtures.CreateItemsAsync(db, Rows, integerKey);
        using (var probe = StartProbe(db.Url, strategy, holdAt: $"{step}:{afterRows}"))
        {
            var limit = TestProcess.Scaled(TimeSpan.FromMinutes(3));
            var watch = Stopwatch.StartNew();
            while (!probe.Out.Contains("holding", StringComparison.Ordinal))
            {
                if (probe.Process.HasExited)
                    Assert.Fail($"the probe ended ({probe.Process.ExitCode}) before the kill point: {probe.Error}{probe.Out}; checkpoint {await CheckpointAsync(db, step)}");
                if (watch.Elapsed > limit)
                {
                    probe.Kill();
                    Assert.Fail($"the probe never reached the kill point: timed out after {limit.TotalSeconds:0} s (checkpoint {await CheckpointAsync(db, step)}); " +
                        $"it was killed with its children (set RETORT_TEST_TIMEOUT_SCALE to allow more on a slow machine). Output so far: {probe.Error}{probe.Out}");
                }
                await Task.Delay(20);
            }
            probe.Kill();
        }
        Assert.True(await CheckpointAsync(db, step) >= afterRows, $"killed before step {step} passed {afterRows} rows (checkpoint {await CheckpointAsync(db, step)})");
        Assert.Equal(0, await db.CountAsync("retort_version"));
        var partial = await db.CountAsync("items_copy");
        Assert.True(partial < Rows || step == 2, $"killed at step {step} yet all {partial} rows were copied");
        await RunProbeToEndAsync(db.Url, strategy);
        Assert.Equal(expected, await DataFixtures.ProbeResultAsync(db));
        Assert.Equal(0, await db.CountAsync("retort_progress"));
        Assert.Equal(1, await db.CountAsync("retort_version"));
    }
}
