using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner.Transactions;

/// <summary>
/// A revision that cannot be one transaction, applied phase by phase (<see cref="PlanPhase"/>): schema phases each in a
/// transaction that also records the phase as done, steps outside any transaction each recorded once they ran, batched
/// data steps through <see cref="Data.DataStepRunner"/>, and the revision recorded only by the last phase's transaction,
/// which also removes its progress rows. A run that stops anywhere resumes after the last recorded phase.
/// </summary>
internal sealed class PhasedRevision(MigrationRun run)
{
    /// <summary>
    /// Applies the revision. With <paramref name="undo"/>, the plan undoes a partly applied revision
    /// (<see cref="Migrator.UndoPartialAsync"/>): the version table stays as it is and the last transaction removes the
    /// progress rows of both directions.
    /// </summary>
    public async Task<RevisionRun> ApplyAsync(RevisionPlan revision, CancellationToken ct, bool undo = false)
    {
        var (info, direction, executor) = (revision.Info, revision.Direction, run.Executor);
        // Phases record progress as they commit: only a live database can hold them.
        var online = (OnlineExecutor)executor;
        await run.Progress.EnsureTableAsync(online, ct);
        if (!undo && run.IsApplied(info.Id, await run.Versions.ReadHeadsAsync(executor, ct, tablesExist: true)) == revision.Up)
            return MigrationRun.Skipped(revision);
        var policy = run.Policy;
        // Where DDL is not transactional, every schema operation is a step of its own, recorded once it ran.
        var phases = PlanPhase.Split(revision.Steps, op => policy.RunsOutsideTransaction(op) || (!policy.TransactionalDdl && op is not DataOperation));
        var sums = phases.ToDictionary(p => p.Step, PhaseChecksum);
        var done = await run.Progress.ReadAsync(executor, info.Id, direction, ct);
        if (done.FirstOrDefault(p => !sums.TryGetValue(p.Step, out var sum) || sum != p.Checksum) is { } stale)
            throw new RetortException($"Revision {info.Id} was partly applied ({direction}, step {stale.Step + 1}: {stale.Description}) and that step differs now from what committed. " +
                "Resuming could skip or repeat work. Restore the step as it was when that run started and run the upgrade again to finish it; " +
                $"to start over instead, undo what the committed steps did by hand and clear their record with 'retort resolve {info.Id} --forget' (Migrator.ForgetPartialAsync).");
        if (revision.Up && !undo) await run.Versions.EnsureRowsColumnAsync(online, ct);
        run.Events.Start(revision, run.Logger, resuming: done.Count > 0);
        var watch = Stopwatch.StartNew();
        var before = done.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
        long? rows = null;
        for (var i = 0; i < phases.Count; i++)
        {
            try { if (await RunPhaseAsync(i) is { } skipped) return skipped; }
            catch (MigrationFailedException e) when (!e.PartlyApplied)
            {
                // A failed recipe step removes what its recipe left half made; the phases before the recipe stay.
                var committedBefore = phases[i] is { Operations: [RecipeStep { OnFailure.Count: > 0 } step] } recipe
                    ? await UndoRecipeAsync(i, recipe, step) > 0
                    : i > 0 || done.Count > 0 || phases[i].Data is not null;
                if (!committedBefore) throw;
                var what = $"step {phases[i].Step + 1} ({((MigrationOperation?)phases[i].Data ?? (phases[i].Operations is [RecipeStep r] ? r : null))?.Describe() ?? "schema changes"})";
                throw new MigrationFailedException(e.RevisionId, direction, e.Statement, e.Reason, e.InnerException, what);
            }
        }
        return new RevisionRun(info, direction, before + watch.Elapsed, Rows: rows);

        // Runs a failed recipe step's clean-up and removes the record of the recipe's earlier steps, so the next run
        // starts the recipe again; returns the index of the recipe's first phase (the failed one's when the clean-up
        // itself failed, which is then logged: what the recipe made stays, recorded, and the run resumes after it).
        async Task<int> UndoRecipeAsync(int i, PlanPhase failed, RecipeStep step)
        {
            var from = failed.Step - step.Undoes;
            var first = phases.Select((p, index) => (p, index)).First(x => x.p.Step >= from).index;
            try
            {
                foreach (var statement in step.OnFailure) await executor.ExecuteAsync(statement, CancellationToken.None);
                if (first < i)
                    await TransactionProtocol.RunAsync(executor, policy, [], async () =>
                    {
                        for (var p = first; p < i; p++) await run.Progress.DeleteStepAsync(executor, info.Id, direction, phases[p].Step, CancellationToken.None);
                        return true;
                    }, CancellationToken.None);
                return first;
            }
            catch (Exception e) when (e is DbException or StatementFailedException or RetortException)
            {
                run.Logger.LogWarning(RetortEventIds.CleanupFailed, "Could not remove what the failed step '{Step}' left ({Reason}); it stays, and the next run resumes after the steps that committed.",
                    step.Describe(), e.Message);
                return i;
            }
        }

        async Task<RevisionRun?> RunPhaseAsync(int i)
        {
            var phase = phases[i];
            var guard = MigrationRun.Guard(revision);
            if (phase.Data is { } data)
            {
                var runner = new Data.DataStepRunner(run, revision, phase.Step, sums[phase.Step]);
                var written = 0L;
                await guard(async () => written = await runner.RunAsync(data, ct));
                rows = (rows ?? 0) + written;
                return null;
            }
            var last = i == phases.Count - 1;
            if (!last && done.Any(p => p.Step == phase.Step && p.Finished)) return null;
            if (phase.Outside)
            {
                // No transaction can hold this step; the dialect writes it so a repeat completes it (IF NOT EXISTS,
                // an INVALID index rebuilt). Only then is it recorded as done.
                await guard(() => PlanRunner.EmitAsync(executor, run.Dialect, phase.Operations, ct));
                await TransactionProtocol.RunAsync(executor, policy, [], async () =>
                {
                    await run.Progress.SaveAsync(executor, new DataStepProgress(info.Id, direction, phase.Step, phase.Operations[0].Describe(), 0, 0, true,
                        TimeSpan.Zero, sums[phase.Step], null), exists: false, ct);
                    return true;
                }, CancellationToken.None, guard, guard);
                return null;
            }
            var phaseWatch = Stopwatch.StartNew();
            var skipped = false;
            await TransactionProtocol.RunAsync(executor, policy, phase.Operations, async () =>
            {
                if (undo
                        ? (await run.Progress.ReadAsync(executor, info.Id, revision.Up ? "downgrade" : "upgrade", ct)).Count == 0
                        : run.IsApplied(info.Id, await run.Versions.ReadHeadsAsync(executor, ct, tablesExist: true)) == revision.Up)
                {
                    // Another run finished (or undid) it meanwhile.
                    skipped = true;
                    return false;
                }
                if (!last && await run.Progress.ReadStepAsync(executor, info.Id, direction, phase.Step, ct) is { Finished: true }) return false;
                await guard(async () =>
                {
                    await PlanRunner.EmitAsync(executor, run.Dialect, phase.Operations, ct);
                    await executor.FlushAsync(ct);
                });
                if (!last)
                {
                    await run.Progress.SaveAsync(executor, new DataStepProgress(info.Id, direction, phase.Step, phase.Operations is [RecipeStep own] ? own.Describe() : "schema changes", 0, 0, true,
                        phaseWatch.Elapsed, sums[phase.Step], null), exists: false, ct);
                    return true;
                }
                var total = (long)(before + watch.Elapsed).TotalMilliseconds;
                if (undo)
                {
                    await run.Versions.AddHistoryAsync(executor, info.Id, "undo", total, null, ct);
                    await run.Progress.DeleteRevisionAsync(executor, info.Id, ct);
                    return true;
                }
                var heads = await run.Versions.ReadHeadsAsync(executor, ct, tablesExist: true);
                await run.Applier.RecordAsync(revision, heads, rows, ct, duration: () => Task.FromResult<long?>(total));
                await run.Progress.DeleteAsync(executor, info.Id, direction, ct);
                return true;
            }, CancellationToken.None, guard, guard);
            return skipped ? MigrationRun.Skipped(revision) : null;
        }
    }

    /// <summary>
    /// The checksum that ties a progress row to its phase. Per phase, so a step that has not committed anything yet
    /// may be fixed between runs; batch sizes and throttling may change too.
    /// </summary>
    private static string PhaseChecksum(PlanPhase phase) =>
        PlanFingerprint.Compute(phase.Operations.Select(o => o is DataOperation d ? d with { Batching = BatchOptions.Default } : o));
}
