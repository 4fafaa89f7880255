using System.Diagnostics;
using Retort.Commands;
using Retort.Migrations;

namespace Retort.Fleet.Internal;

/// <summary>
/// One fleet run's waves: workers take the next target until the wave is done or the fleet stops (a canary failed, the
/// failure budget is spent, cancellation). Only each target's small result row is kept.
/// </summary>
internal sealed class FleetRun(FleetMigrator fleet, FleetStatusStore store, MigrationCommands shared, MigrationCommands loader, RevisionSet revisions,
    bool up, string target, int total, int skipped, IProgress<FleetProgress>? progress, Stopwatch clock)
{
    private readonly Lock _sync = new();
    private int _done;
    private int _failed;
    private int _running;
    private int _started;
    private int _finished;

    public bool Stopped { get; private set; }

    public string? StopReason { get; private set; }

    public async Task WaveAsync(List<(int Index, FleetTarget Target)> wave, FleetTargetResult?[] results, bool canary, CancellationToken ct)
    {
        var next = -1;
        async Task WorkAsync()
        {
            while (!Stopped && !ct.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= wave.Count) return;
                var (index, t) = wave[i];
                var result = await RunOneAsync(t, ct);
                results[index] = result;
                if (result.State == FleetTargetState.Failed && !ct.IsCancellationRequested)
                    lock (_sync)
                        if (canary || _failed > fleet.Options.MaxFailures)
                        {
                            Stopped = true;
                            StopReason ??= canary
                                ? $"the canary target {t.DisplayName} failed"
                                : $"{_failed} target(s) failed, more than --max-failures {fleet.Options.MaxFailures} allows";
                        }
            }
        }
        // Workers on the thread pool: a driver whose calls complete synchronously (SQLite) still runs targets side by side.
        await Task.WhenAll(Enumerable.Range(0, Math.Min(fleet.Options.Parallelism, wave.Count)).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
    }

    private async Task<FleetTargetResult> RunOneAsync(FleetTarget t, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await store.MarkRunningAsync(t, startedAt, CancellationToken.None);
        lock (_sync) { _running++; _started++; }
        fleet.OnStarting(t);
        Report();
        FleetTargetResult result;
        try
        {
            var resolved = TargetConnection.Resolve(t);
            var commands = new MigrationCommands(shared.Config with
            {
                Url = null,
                OpenDatabase = () => TargetConnection.Open(resolved),
                MigratorOptions = fleet.OptionsFor(loader, t),
                Observe = null,
                AfterChange = null,
            }, revisions, shared.LintReports!);
            var run = up ? await commands.UpgradeAsync(target, null, ct) : await commands.DowngradeAsync(target, null, ct);
            var after = run.Heads.Select(h => h.Id).ToList();
            var changed = run.Runs.Where(r => !r.Skipped).Select(r => r.Revision.Id).ToList();
            result = new FleetTargetResult(t, FleetTargetState.Done, TargetHeads.Before(revisions.Graph, after, changed, up), after, null, watch.Elapsed, changed.Count);
        }
        catch (Exception e)
        {
            var outcome = (e as RunStoppedException)?.Outcome ?? (e as RunCancelledException)?.Outcome;
            var after = outcome?.Heads?.Select(h => h.Id).ToList() ?? [];
            var kept = outcome?.Kept.Select(r => r.Id).ToList() ?? [];
            var before = outcome?.Heads is null ? [] : TargetHeads.Before(revisions.Graph, after, kept, up);
            result = new FleetTargetResult(t, FleetTargetState.Failed, before, after, FleetMigrator.ErrorText(e, t), watch.Elapsed, kept.Count);
        }
        await store.MarkFinishedAsync(t, result.State, result.After, result.Error, DateTimeOffset.UtcNow, result.Duration, CancellationToken.None);
        lock (_sync)
        {
            _running--;
            _finished++;
            if (result.State == FleetTargetState.Done) _done++; else _failed++;
        }
        fleet.OnCompleted(result);
        Report();
        return result;
    }

    private void Report()
    {
        if (progress is null) return;
        FleetProgress snapshot;
        lock (_sync)
        {
            var elapsed = clock.Elapsed;
            var pending = total - skipped - _started;
            TimeSpan? eta = _finished == 0 ? null : elapsed / _finished * (pending + _running);
            snapshot = new FleetProgress(total, _done, _failed, _running, pending, skipped, elapsed, eta);
        }
        progress.Report(snapshot);
    }
}
