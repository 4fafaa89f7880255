using System.Diagnostics;

namespace Retort.Runner.Transactions;

/// <summary>
/// One transaction per revision: the revision's statements, its version and history rows, and its commit. Inside
/// it the heads are read again (unless an exclusive migration lock or an offline script makes them known), so a
/// revision another run applied meanwhile is skipped.
/// </summary>
internal class PerRevisionTransactions(MigrationRun run) : TransactionStrategy(run)
{
    protected override async Task<RevisionRun> ApplyAsync(RevisionPlan revision, CancellationToken ct)
    {
        RevisionRun? result = null;
        var started = Stopwatch.GetTimestamp();
        var guard = MigrationRun.Guard(revision);
        await TransactionProtocol.RunAsync(Run.Executor, Run.Policy, revision.Operations, async () =>
        {
            if (!Run.HeadsTrusted) Run.KnownHeads = null;
            var current = await Run.CurrentHeadsAsync(ct);
            // Another run got here first (its transaction committed while this one waited for the lock).
            if (Run.IsApplied(revision.Info.Id, current) == revision.Up) return false;
            var (applied, after) = await Run.Applier.ApplyAsync(revision, current, sharesTransaction: false, ct);
            Run.KnownHeads = after;
            result = applied;
            return true;
        }, ct, guard, guard);
        return result is null ? MigrationRun.Skipped(revision) : result with { Duration = Stopwatch.GetElapsedTime(started) };
    }
}
