using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Retort.Operations;
using Retort.Revisions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>Raised after every committed batch of a data step (rows done, estimate, rate, ETA).</summary>
    public event Action<DataProgress>? DataProgressReported;

    /// <summary>
    /// Steps of revisions that are partly applied: a run with batched data steps committed some phases or batches
    /// and then stopped (killed, cancelled, failed). Running the same upgrade again resumes them.
    /// </summary>
    public async Task<IReadOnlyList<DataStepProgress>> GetInProgressAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        return await _progress.ReadAsync(executor, null, null, cancellationToken);
    }

    /// <summary>
    /// The checksum that ties a progress row to its phase. Per phase, so a step that has not committed anything yet
    /// may be fixed between runs; batch sizes and throttling may change too.
    /// </summary>
    private static string PhaseChecksum(PlanPhase phase) =>
        PlanFingerprint.Compute(phase.Operations.Select(o => o is DataOperation d ? d with { Batching = BatchOptions.Default } : o));

    /// <summary>
    /// Applies a revision whose plan holds batched data steps: schema phases each in a transaction that also
    /// records the phase as done, data steps in checkpointed batches, and the version row written only by the
    /// last phase's transaction, which also removes the revision's progress rows. With <paramref name="undo"/>, the
    /// plan undoes a partly applied revision (<see cref="UndoPartialAsync"/>): the version table stays as it is and
    /// the last transaction removes the progress rows of both directions.
    /// </summary>
    private async Task<RevisionRun> ApplyPhasedAsync(OnlineExecutor executor, RevisionInfo info, IReadOnlyList<MigrationOperation> plan, bool up, CancellationToken ct,
        bool undo = false)
    {
        var direction = up ? "upgrade" : "downgrade";
        var dialect = _database.Dialect;
        await _progress.EnsureTableAsync(executor, ct);
        if (!undo && IsApplied(info.Id, await _versions.ReadHeadsAsync(executor, ct, tablesExist: true)) == up) return Skipped(info, direction);
        var phases = PlanPhase.Split(plan, dialect.RunsOutsideTransaction);
        var sums = phases.ToDictionary(p => p.Step, PhaseChecksum);
        var done = await _progress.ReadAsync(executor, info.Id, direction, ct);
        if (done.FirstOrDefault(p => !sums.TryGetValue(p.Step, out var sum) || sum != p.Checksum) is { } stale)
            throw new RetortException($"Revision {info.Id} was partly applied ({direction}, step {stale.Step + 1}: {stale.Description}) and that step differs now from what committed. " +
                "Resuming could skip or repeat work. Restore the step as it was when that run started and run the upgrade again to finish it; " +
                $"to start over instead, undo what the committed steps did by hand and clear their record with 'retort resolve {info.Id} --forget' (Migrator.ForgetPartialAsync).");
        if (up && !undo) await _versions.EnsureRowsColumnAsync(executor, ct);
        RevisionStarting?.Invoke(info, direction);
        _logger.LogInformation("Running {Direction} {Revision}: {Message}{Resume}", direction, info.Id, info.Message, done.Count > 0 ? " (resuming)" : "");
        var watch = Stopwatch.StartNew();
        var before = done.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
        long? rows = null;
        for (var i = 0; i < phases.Count; i++)
        {
            try { if (await RunPhaseAsync(i) is { } skipped) return skipped; }
            catch (MigrationFailedException e) when (!e.PartlyApplied && (i > 0 || done.Count > 0 || phases[i].Data is not null))
            {
                var what = $"step {phases[i].Step + 1} ({(phases[i].Data?.Describe() ?? "schema changes")})";
                throw new MigrationFailedException(e.RevisionId, direction, e.Statement, e.Reason, e.InnerException, what);
            }
        }
        return new RevisionRun(info, direction, before + watch.Elapsed, Rows: rows);

        async Task<RevisionRun?> RunPhaseAsync(int i)
        {
            var phase = phases[i];
            if (phase.Data is { } data)
            {
                var runner = new DataStepRunner(executor, dialect, _progress, _logger, DataProgressReported);
                var written = 0L;
                await WrapAsync(info, up, async () => written = await runner.RunAsync(info, direction, phase.Step, data, sums[phase.Step], ct));
                rows = (rows ?? 0) + written;
                return null;
            }
            var last = i == phases.Count - 1;
            if (!last && done.Any(p => p.Step == phase.Step && p.Finished)) return null;
            if (phase.Outside)
            {
                // No transaction can hold this step; the dialect writes it so a repeat completes it (IF NOT EXISTS,
                // an INVALID index rebuilt). Only then is it recorded as done.
                await WrapAsync(info, up, () => PlanRunner.EmitAsync(executor, dialect, phase.Operations, ct));
                await InTransactionAsync(executor, info, up, [], async () =>
                {
                    await _progress.SaveAsync(executor, new DataStepProgress(info.Id, direction, phase.Step, phase.Operations[0].Describe(), 0, 0, true,
                        TimeSpan.Zero, sums[phase.Step], null), exists: false, ct);
                    return true;
                });
                return null;
            }
            var phaseWatch = Stopwatch.StartNew();
            var skipped = false;
            await InTransactionAsync(executor, info, up, phase.Operations, async () =>
            {
                if (undo
                        ? (await _progress.ReadAsync(executor, info.Id, up ? "downgrade" : "upgrade", ct)).Count == 0
                        : IsApplied(info.Id, await _versions.ReadHeadsAsync(executor, ct, tablesExist: true)) == up)
                {
                    // Another run finished (or undid) it meanwhile.
                    skipped = true;
                    return false;
                }
                if (!last && await _progress.ReadStepAsync(executor, info.Id, direction, phase.Step, ct) is { Finished: true }) return false;
                await WrapAsync(info, up, async () =>
                {
                    await PlanRunner.EmitAsync(executor, dialect, phase.Operations, ct);
                    await executor.FlushAsync(ct);
                });
                if (!last)
                {
                    await _progress.SaveAsync(executor, new DataStepProgress(info.Id, direction, phase.Step, "schema changes", 0, 0, true,
                        phaseWatch.Elapsed, sums[phase.Step], null), exists: false, ct);
                    return true;
                }
                var total = before + watch.Elapsed;
                if (undo)
                {
                    await _versions.AddHistoryAsync(executor, info.Id, "undo", (long)total.TotalMilliseconds, null, ct);
                    await _progress.DeleteRevisionAsync(executor, info.Id, ct);
                    return true;
                }
                var heads = await _versions.ReadHeadsAsync(executor, ct, tablesExist: true);
                var after = up ? Graph.HeadsAfterUpgrade(heads, info) : Graph.HeadsAfterDowngrade(heads, info);
                await _versions.WriteHeadsAsync(executor, heads, after, ct);
                await _versions.AddHistoryAsync(executor, info.Id, direction, (long)total.TotalMilliseconds, up ? PlanFingerprint.Compute(plan) : null, ct, up ? rows : null);
                await _progress.DeleteAsync(executor, info.Id, direction, ct);
                return true;
            });
            return skipped ? Skipped(info, direction) : null;
        }
    }

    private static RevisionRun Skipped(RevisionInfo info, string direction) => new(info, direction, TimeSpan.Zero, Skipped: true);

    /// <summary>Runs <paramref name="body"/> in a transaction with the dialect's statements around it; commits when it returns true.</summary>
    private async Task InTransactionAsync(OnlineExecutor executor, RevisionInfo info, bool up, IReadOnlyList<MigrationOperation> ops, Func<Task<bool>> body)
    {
        var dialect = _database.Dialect;
        foreach (var s in dialect.BeforeTransaction(ops)) await executor.ExecuteAsync(s, CancellationToken.None);
        try
        {
            await executor.BeginAsync(CancellationToken.None);
            if (await body())
            {
                foreach (var s in dialect.BeforeCommit(ops)) await WrapAsync(info, up, () => executor.ExecuteAsync(s, CancellationToken.None));
                await WrapAsync(info, up, () => executor.FlushAsync(CancellationToken.None));
                await executor.CommitAsync(CancellationToken.None);
            }
            else await executor.RollbackAsync(CancellationToken.None);
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            foreach (var s in dialect.AfterTransaction(ops)) await executor.ExecuteAsync(s, CancellationToken.None);
        }
    }
}
