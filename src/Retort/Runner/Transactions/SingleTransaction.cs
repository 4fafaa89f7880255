using System.Data.Common;
using Retort.Dialects;

namespace Retort.Runner.Transactions;

/// <summary>
/// Every revision of the run in one transaction (all or nothing, as Alembic's default <c>env.py</c>), online and in an
/// offline script alike. The runner refuses beforehand a run holding steps that cannot be in it.
/// </summary>
internal sealed class SingleTransaction(MigrationRun run) : TransactionStrategy(run)
{
    public override async Task<IReadOnlyList<RevisionRun>> RunAsync(IReadOnlyList<RevisionPlan> revisions, IReadOnlySet<string> resumed, CancellationToken ct)
    {
        var pending = new List<RevisionRun>();
        var all = revisions.SelectMany(r => r.Steps).ToList();
        await TransactionProtocol.RunAsync(Run.Executor, Run.Policy, all, async () =>
        {
            var current = await Run.CurrentHeadsAsync(ct);
            foreach (var revision in revisions)
            {
                var (applied, after) = await Run.Applier.ApplyAsync(revision, current, sharesTransaction: true, ct);
                current = after;
                pending.Add(applied);
            }
            return true;
        }, ct, guardCommit: CommitAsync);
        foreach (var run in pending) Run.Events.Completed?.Invoke(run);
        return pending;
    }

    protected override Task<RevisionRun> ApplyAsync(RevisionPlan revision, CancellationToken ct) =>
        throw new InvalidOperationException("A single transaction applies the whole run at once.");

    private static async Task CommitAsync(Func<Task> commit)
    {
        try { await commit(); }
        catch (Exception e) when (e is DbException or StatementFailedException)
        {
            // A deferred constraint is checked at COMMIT: it cannot be pinned on one revision of the run.
            throw new RetortException($"The database refused to commit the run's single transaction: {(e as StatementFailedException)?.DatabaseMessage ?? e.Message} " +
                "Every revision of the run was rolled back; the database is as it was before.", e);
        }
    }
}
