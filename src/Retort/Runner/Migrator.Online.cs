using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner.Transactions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Revisions applied with their online operations expanded and waiting for <see cref="CompleteAsync"/> (on a
    /// dialect that runs online operations as expand and contract; elsewhere none ever waits).
    /// </summary>
    public async Task<IReadOnlyList<WaitingRevision>> GetWaitingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        var (heads, history) = await ReadStateAsync(executor, cancellationToken);
        return Waiting(heads, history).Select(DescribeWaiting).ToList();
    }

    /// <summary>
    /// Runs the contract phase of expanded revisions once no application uses the old version: the old version's
    /// schema of views, the triggers and the old columns are dropped, the new columns and renamed tables and columns
    /// take their final names; the new version's views stay valid. Each revision in one transaction with short locks
    /// (the lock-wait policy retries them), recorded in the history as <c>complete</c>.
    /// </summary>
    /// <param name="revision">The revision (id, prefix or label); null completes every revision waiting.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The revisions completed.</returns>
    /// <exception cref="RetortException">Nothing waits for complete, the revision is unknown, or it does not wait.</exception>
    public Task<IReadOnlyList<OnlinePhaseRun>> CompleteAsync(string? revision = null, CancellationToken cancellationToken = default) =>
        FinishExpandAsync(revision, complete: true, cancellationToken);

    /// <summary>
    /// Undoes the expand phase of a revision, finished (waiting for complete) or stopped part way (a backfill killed or
    /// cancelled): the version schemas it made, its triggers and shadow columns are dropped in one transaction, its
    /// progress rows removed, and the version table goes back to the revision's parent. Nothing written through either
    /// version is lost: the triggers kept the old columns up to date.
    /// </summary>
    /// <param name="revision">The revision (id, prefix or label); null aborts the only expand there is.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The revision aborted.</returns>
    /// <exception cref="RetortException">No expand to abort, the revision is unknown, or it has no expand to abort.</exception>
    public async Task<OnlinePhaseRun> AbortAsync(string? revision = null, CancellationToken cancellationToken = default) =>
        (await FinishExpandAsync(revision, complete: false, cancellationToken)).Single();

    private IReadOnlyList<string> Waiting(IReadOnlyCollection<string> heads, IReadOnlyList<HistoryEntry> history) =>
        HistoryReplay.Waiting(history).Where(id => Graph.TryGet(id, out _) && IsApplied(id, heads)).ToList();

    private WaitingRevision DescribeWaiting(string id)
    {
        var info = Graph.Get(id);
        var versions = RevisionPlan.OnlineVersionsOf(info);
        var online = OnlineOperationsOf(info);
        var schemas = online.Select(o => o.Schema ?? "public").Distinct().ToList();
        return new WaitingRevision(info, schemas.Select(versions.OldSchema).ToList(), schemas.Select(versions.NewSchema).ToList(),
            online.Select(o => o.Describe()).ToList());
    }

    private List<OnlineOperation> OnlineOperationsOf(RevisionInfo info) => BuildPlan(Revisions[info.Id], up: true).OfType<OnlineOperation>().ToList();

    /// <summary>
    /// Refuses a run that would build on, or downgrade, a revision waiting for complete. Runs before anything is written.
    /// </summary>
    private void CheckWaiting(IReadOnlyCollection<string> heads, IReadOnlyList<HistoryEntry> history, IReadOnlyList<RevisionInfo> path, bool up)
    {
        foreach (var id in Waiting(heads, history))
        {
            var versions = RevisionPlan.OnlineVersionsOf(Graph.Get(id));
            if (up && path.FirstOrDefault(p => p.Id != id && Graph.IsAncestorOrSelf(id, p.Id)) is { } next)
                throw new RetortException($"Revision {id} is expanded and waiting for complete: its online operations keep the old and the new shape side by side " +
                    $"(views in {string.Join(", ", OnlineOperationsOf(Graph.Get(id)).Select(o => o.Schema ?? "public").Distinct().Select(s => versions.OldSchema(s) + " and " + versions.NewSchema(s)))}), " +
                    $"and revision {next.Id} would build on its final shape. Once no application uses the old version, run 'retort complete {id}' (or undo the expand with " +
                    $"'retort abort {id}'), then upgrade again. Nothing was changed.");
            if (!up && path.Any(p => p.Id == id))
                throw new RetortException($"Revision {id} is expanded and waiting for complete, so a downgrade cannot undo it: undo its expand with 'retort abort {id}' " +
                    $"(nothing written through either version is lost), or run 'retort complete {id}' first. Nothing was changed.");
        }
    }

    /// <summary>Refuses a single-transaction run of online operations where they run as expand and contract.</summary>
    private void CheckOnlineInSingleTransaction(IReadOnlyList<RevisionPlan> revisions)
    {
        if (!Options.SingleTransaction || !_database.Dialect.Generator.SupportsExpandContract) return;
        if (revisions.FirstOrDefault(r => r.Up && r.Operations.Any(o => o is OnlineOperation)) is { } revision)
            throw new RetortException($"Revision {revision.Info.Id} has online operations, whose expand phase commits step by step (a batched backfill) and cannot be part " +
                "of the single transaction that SingleTransaction asks for. Run without it. Nothing was changed.");
    }

    /// <summary>Refuses undoing a partly applied expand with the downgrade: the expand is undone by <see cref="AbortAsync"/>.</summary>
    private void CheckNotExpand(RevisionInfo info, bool stoppedUp)
    {
        if (stoppedUp && _database.Dialect.Generator.SupportsExpandContract && OnlineOperationsOf(info).Count > 0)
            throw new RetortException($"Revision {info.Id} stopped part way through the expand phase of its online operations; its downgrade would undo a final shape " +
                $"that was never made. Undo the expand with 'retort abort {info.Id}' (or finish it with 'retort upgrade'). Nothing was changed.");
    }

    private async Task<IReadOnlyList<OnlinePhaseRun>> FinishExpandAsync(string? revision, bool complete, CancellationToken ct)
    {
        var dialect = _database.Dialect;
        var command = complete ? "complete" : "abort";
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var migrationLock = await AcquireLockAsync(connection, ct);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);
        var (heads, history) = await ReadCheckedStateAsync(executor, up: false, ct);
        if (!dialect.Generator.SupportsExpandContract)
            throw new RetortException($"There is nothing to {command}: the {dialect.Name} database runs online operations in one step (expand and complete at once), " +
                "so no revision waits for complete and there is no expand to abort. Nothing was changed.");
        var waiting = Waiting(heads, history);
        // Expands that stopped part way: progress rows of an upgrade of a revision with online operations that is not applied.
        var partial = (await _progress.ReadAsync(executor, null, "upgrade", ct)).Select(p => p.Revision).Distinct()
            .Where(id => Graph.TryGet(id, out var info) && !IsApplied(id, heads) && OnlineOperationsOf(info).Count > 0).ToList();
        var candidates = complete ? waiting : waiting.Concat(partial).Distinct().ToList();
        List<string> chosen;
        if (revision is null)
        {
            chosen = candidates.ToList();
            if (chosen.Count == 0)
                throw new RetortException(complete
                    ? "There is nothing to complete: no revision is expanded and waiting for complete ('retort current' shows the state). Nothing was changed."
                    : "There is nothing to abort: no revision is expanded or part way through its expand ('retort current' shows the state). Nothing was changed.");
            if (!complete && chosen.Count > 1)
                throw new RetortException($"Several expands could be aborted ({string.Join(", ", chosen)}): name the one with 'retort abort REVISION'. Nothing was changed.");
        }
        else
        {
            var id = Graph.Resolve(revision).Id;
            if (!candidates.Contains(id))
                throw new RetortException($"Revision {id} has nothing to {command}: " + (OnlineOperationsOf(Graph.Get(id)).Count == 0
                    ? "it has no online operations."
                    : IsApplied(id, heads) ? "its online operations are completed already." : "it is not applied and no expand of it is under way.") +
                    (candidates.Count > 0 ? $" Waiting: {string.Join(", ", candidates)}." : "") + " Nothing was changed.");
            chosen = [id];
        }
        var runs = new List<OnlinePhaseRun>();
        foreach (var id in chosen) runs.Add(await FinishOneAsync(executor, id, complete, ct));
        return runs;
    }

    private async Task<OnlinePhaseRun> FinishOneAsync(OnlineExecutor executor, string id, bool complete, CancellationToken ct)
    {
        var dialect = _database.Dialect;
        var info = Graph.Get(id);
        var versions = RevisionPlan.OnlineVersionsOf(info);
        var online = OnlineOperationsOf(info);
        var statements = complete ? dialect.Generator.Contract(online, versions) : dialect.Generator.AbortExpand(online, versions);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var command = complete ? HistoryReplay.Complete : HistoryReplay.Abort;
        var done = false;
        await _versions.EnsureTablesAsync(executor, ct);
        try
        {
            await TransactionProtocol.RunAsync(executor, dialect.Transactions, [], async () =>
            {
                // Decided again inside the transaction: a concurrent run may have completed or aborted it meanwhile.
                var (heads, history) = await ReadStateAsync(executor, ct);
                var applied = IsApplied(id, heads);
                if (complete ? !Waiting(heads, history).Contains(id) : applied && !Waiting(heads, history).Contains(id)) return false;
                foreach (var statement in statements) await executor.ExecuteAsync(statement, ct);
                if (!complete)
                {
                    if (applied) await _versions.WriteHeadsAsync(executor, heads, Graph.HeadsAfterDowngrade(heads, info), ct);
                    await _progress.DeleteRevisionAsync(executor, id, ct);
                }
                await executor.FlushAsync(ct);
                await _versions.AddHistoryAsync(executor, id, command, (long)watch.Elapsed.TotalMilliseconds, null, ct);
                done = true;
                return true;
            }, ct);
        }
        catch (StatementFailedException e)
        {
            throw new RetortException($"'retort {command}' of revision {id} failed and was rolled back, so nothing was changed: {e.DatabaseMessage} " +
                $"(statement: {e.Statement.Sql.Split('\n')[0].Trim()}…). Fix the cause and run 'retort {command} {id}' again.", e);
        }
        _logger.Runner.LogInformation(RetortEventIds.RevisionCompleted, "{Command} of revision {Revision}: {Outcome}", command, id, done ? "done" : "already done by another run");
        return new OnlinePhaseRun(info, command, watch.Elapsed, Skipped: !done);
    }
}
