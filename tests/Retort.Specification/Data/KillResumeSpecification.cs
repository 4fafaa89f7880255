using System.Diagnostics;
using Retort.Specification.Support;

namespace Retort.Specification.Data;

/// <summary>
/// Kill -9 in the middle of a data migration: a separate process runs the probe revision (schema phase,
/// C# transform, non-idempotent backfill, small paced batches); the test kills it once the checkpoint passed a
/// point (where the probe holds, so the kill lands there however loaded the machine is), runs it again to the end,
/// and compares everything with an uninterrupted run on the same data.
/// </summary>
public abstract class KillResumeSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    /// <summary>The rows of the probe's items table.</summary>
    protected const int Rows = 3000;

    private string ProbePath()
    {
        var testProject = GetType().Assembly.GetName().Name!;
        var dir = AppContext.BaseDirectory.Replace(testProject, "Retort.DataMigrationProbe", StringComparison.Ordinal);
        var path = Path.Combine(dir, "Retort.DataMigrationProbe.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the data migration probe is missing.", path);
    }

    /// <summary>
    /// Starts the probe on <paramref name="url"/> with the backfill <paramref name="strategy"/>; with
    /// <paramref name="stopAt"/> (<c>STEP:ROWS</c>) it holds after the batch that takes that step's checkpoint to ROWS rows.
    /// </summary>
    protected TestProcess StartProbe(string url, string strategy, string? stopAt = null)
    {
        var info = new ProcessStartInfo("dotnet");
        info.Environment["RETORT_PROBE_STRATEGY"] = strategy;
        if (stopAt is not null) info.Environment["RETORT_PROBE_STOP_AT"] = stopAt;
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
    protected Task<string> UninterruptedAsync(bool integerKey)
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
    /// step <paramref name="step"/>'s checkpoint passed <paramref name="afterRows"/> (the probe holds there), reruns
    /// it to the end and compares everything with an uninterrupted in-place run: the strategy must not change the result.
    /// </summary>
    protected async Task KillAndRerunAsync(int step, long afterRows, bool integerKey, string strategy)
    {
        var expected = await UninterruptedAsync(integerKey);
        await using var db = await CreateDatabaseAsync();
        await DataFixtures.CreateItemsAsync(db, Rows, integerKey);
        using (var probe = StartProbe(db.Url, strategy, $"{step}:{afterRows}"))
        {
            var limit = TestProcess.Scaled(TimeSpan.FromMinutes(3));
            var deadline = Stopwatch.StartNew();
            while (await CheckpointAsync(db, step) is not { } done || done < afterRows)
            {
                if (probe.Process.HasExited)
                    Assert.Fail($"the probe ended ({probe.Process.ExitCode}) before the kill point: {probe.Error}{probe.Out}; checkpoint {await CheckpointAsync(db, step)}");
                if (deadline.Elapsed > limit)
                {
                    probe.Kill();
                    Assert.Fail($"the checkpoint never reached the kill point: timed out after {limit.TotalSeconds:0} s (checkpoint {await CheckpointAsync(db, step)}); " +
                        $"the probe was killed with its children. Output so far: {probe.Error}{probe.Out}");
                }
                await Task.Delay(5);
            }
            probe.Kill();
        }
        var partial = await db.CountAsync("items_copy");
        Assert.True(partial < Rows || step == 2, $"killed at step {step} yet all {partial} rows were copied");
        await AssertRerunGivesAsync(db, expected, strategy);
    }

    /// <summary>
    /// After a kill: the revision is not recorded; a rerun to the end gives exactly <paramref name="expected"/>, the
    /// uninterrupted result, and leaves the revision recorded and no progress behind.
    /// </summary>
    protected async Task AssertRerunGivesAsync(TestDatabase db, string expected, string strategy)
    {
        Assert.Equal(0, await db.CountAsync("retort_version"));
        await RunProbeToEndAsync(db.Url, strategy);
        Assert.Equal(expected, await DataFixtures.ProbeResultAsync(db));
        Assert.Equal(0, await db.CountAsync("retort_progress"));
        Assert.Equal(1, await db.CountAsync("retort_version"));
    }
}
