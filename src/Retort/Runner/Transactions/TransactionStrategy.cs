namespace Retort.Runner.Transactions;

/// <summary>
/// How a run groups its revisions into transactions. The runner picks one per run (<see cref="For"/>); whichever it
/// is, a revision that cannot be one transaction runs through <see cref="PhasedRevision"/>, and every transaction goes
/// through <see cref="TransactionProtocol"/>.
/// </summary>
internal abstract class TransactionStrategy(MigrationRun run)
{
    protected MigrationRun Run { get; } = run;

    /// <summary>
    /// The strategy for a run: one transaction for the whole run when asked for, revisions sharing transactions under
    /// savepoints where the dialect's policy allows it (online), else one transaction per revision.
    /// </summary>
    public static TransactionStrategy For(MigrationRun run, bool singleTransaction) =>
        singleTransaction ? new SingleTransaction(run)
        : !run.Executor.IsOffline && run.Policy.SharesTransactionAcrossRevisions ? new SharedTransaction(run)
        : new PerRevisionTransactions(run);

    /// <summary>
    /// Applies the revisions in order and returns their runs; <paramref name="resumed"/> names revisions partly applied
    /// by an earlier run, which resume phase by phase.
    /// </summary>
    public virtual async Task<IReadOnlyList<RevisionRun>> RunAsync(IReadOnlyList<RevisionPlan> revisions, IReadOnlySet<string> resumed, CancellationToken ct)
    {
        var runs = new List<RevisionRun>();
        foreach (var written in revisions)
        {
            // Operations on tables that exist before the revision run as the dialect's safe recipes.
            var revision = written.WithSafeRecipes(Run.Dialect, online: !Run.Executor.IsOffline);
            if (ct.IsCancellationRequested)
            {
                // Stopping between revisions: an open transaction holds only finished revisions, so keep them.
                await EndAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
            }
            RevisionRun result;
            // An offline script writes every revision whole: its data steps as one statement, its steps outside a
            // transaction between a COMMIT and a BEGIN.
            if (!Run.Executor.IsOffline && (revision.NeedsPhases(Run.Policy) || resumed.Contains(revision.Info.Id)))
            {
                // Its steps commit on their own: what this strategy holds open commits first.
                await EndAsync(ct);
                result = await new PhasedRevision(Run).ApplyAsync(revision, ct);
                Run.KnownHeads = null;
            }
            else result = await ApplyAsync(revision, ct);
            runs.Add(result);
            Run.Events.Completed?.Invoke(result);
        }
        await EndAsync(ct);
        return runs;
    }

    /// <summary>Applies one revision that fits in a transaction.</summary>
    protected abstract Task<RevisionRun> ApplyAsync(RevisionPlan revision, CancellationToken ct);

    /// <summary>Commits what the strategy holds open (finished revisions); nothing by default.</summary>
    protected virtual Task EndAsync(CancellationToken ct) => Task.CompletedTask;
}
