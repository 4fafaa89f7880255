using System.Data.Common;
using System.Diagnostics;
using Retort.Dialects;

namespace Retort.Runner.Transactions;

/// <summary>
/// Consecutive revisions share one transaction, each under its own savepoint, where a commit costs far more than a
/// savepoint (SQLite syncs the disk on every commit; <see cref="TransactionPolicy.SharesTransactionAcrossRevisions"/>).
/// A failing revision is rolled back to its savepoint and the ones before it are committed, which is what one
/// transaction per revision leaves. The transaction is committed after <see cref="CommitInterval"/>, so the write lock
/// is never held much longer than one revision would hold it. Revisions that need statements around their
/// transaction (SQLite's <c>PRAGMA foreign_keys</c> around a rebuild) still run alone.
/// </summary>
internal sealed class SharedTransaction(MigrationRun run) : PerRevisionTransactions(run)
{
    private const string Savepoint = "retort_revision";

    /// <summary>How long revisions may share one transaction before it is committed.</summary>
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(500);

    private readonly Stopwatch _opened = new();

    // The revisions applied in the open transaction, in order, to apply again one by one when its commit is refused.
    private readonly List<RevisionPlan> _open = [];

    protected override async Task<RevisionRun> ApplyAsync(RevisionPlan revision, CancellationToken ct)
    {
        var executor = Run.Executor;
        if (Run.Policy.BeforeTransaction(revision.Operations).Count > 0 || Run.Policy.AfterTransaction(revision.Operations).Count > 0)
        {
            await EndAsync(ct);
            return await base.ApplyAsync(revision, ct);
        }
        if (executor.InTransaction && _opened.Elapsed > CommitInterval) await EndAsync(ct);
        if (!executor.InTransaction)
        {
            await executor.BeginAsync(ct);
            _opened.Restart();
            _open.Clear();
            if (!Run.HeadsTrusted) Run.KnownHeads = null;
        }
        var started = Stopwatch.GetTimestamp();
        await executor.ExecuteAsync(new SqlStatement($"SAVEPOINT {Savepoint}"), ct);
        try
        {
            var current = await Run.CurrentHeadsAsync(ct);
            if (Run.IsApplied(revision.Info.Id, current) == revision.Up)
            {
                // Another run got here first (its transaction committed while this one waited for the write lock).
                await ReleaseAsync(rollback: true, ct);
                return MigrationRun.Skipped(revision);
            }
            var (applied, after) = await Run.Applier.ApplyAsync(revision, current, sharesTransaction: true, ct);
            Run.KnownHeads = after;
            foreach (var s in Run.Policy.BeforeCommit(revision.Operations))
                await MigrationRun.GuardAsync(revision.Info, revision.Up, () => executor.ExecuteAsync(s, ct));
            await ReleaseAsync(rollback: false, ct);
            _open.Add(revision);
            return applied with { Duration = Stopwatch.GetElapsedTime(started) };
        }
        catch
        {
            if (executor.InTransaction)
            {
                // Undo this revision only; the earlier revisions of the transaction succeeded and are kept.
                try
                {
                    await ReleaseAsync(rollback: true, CancellationToken.None);
                    await executor.CommitAsync(CancellationToken.None);
                }
                catch
                {
                    await executor.RollbackAsync(CancellationToken.None);
                }
            }
            else await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    protected override async Task EndAsync(CancellationToken ct)
    {
        if (!Run.Executor.InTransaction) return;
        try
        {
            await Run.Executor.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or StatementFailedException)
        {
            // A deferred constraint is checked only at COMMIT, which cannot say which revision of the transaction broke
            // it: the transaction is rolled back and its revisions applied again, one transaction each, so the failing
            // one is named and the ones before it are kept, as one transaction per revision would leave them.
            await Run.Executor.RollbackAsync(CancellationToken.None);
            Run.KnownHeads = null;
            var again = _open.ToList();
            _open.Clear();
            foreach (var revision in again) await base.ApplyAsync(revision, ct);
        }
        _open.Clear();
    }

    private async Task ReleaseAsync(bool rollback, CancellationToken ct)
    {
        if (rollback) await Run.Executor.ExecuteAsync(new SqlStatement($"ROLLBACK TO SAVEPOINT {Savepoint}"), ct);
        await Run.Executor.ExecuteAsync(new SqlStatement($"RELEASE SAVEPOINT {Savepoint}"), ct);
    }
}
