using Retort.Revisions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Finishes a partly applied revision (see <see cref="GetInProgressAsync"/>): runs the rest of the upgrade or
    /// downgrade that stopped, from its checkpoints, and records the revision, whatever the target of the run that
    /// stopped was. <paramref name="revision"/> is its id or a unique prefix of it.
    /// </summary>
    /// <exception cref="RetortException">No such partly applied revision, or an undo of it is under way.</exception>
    public Task<RevisionRun> FinishPartialAsync(string revision, CancellationToken cancellationToken = default) =>
        ResolveAsync(revision, undo: false, cancellationToken);

    /// <summary>
    /// Undoes a partly applied revision: runs the plan of the other direction (for a stopped upgrade, the revision's
    /// downgrade, which must cope with the steps that never ran: <c>IF EXISTS</c>, or a downgrade that only drops what
    /// the upgrade created) as a phased run of its own, then removes the revision's progress rows. The version table
    /// stays as it was before the stopped run: at the revision's parents for an upgrade, at the revision for a
    /// downgrade. An undo that stops part way resumes when called again.
    /// </summary>
    /// <exception cref="RetortException">No such partly applied revision, or its other direction cannot be built.</exception>
    public Task<RevisionRun> UndoPartialAsync(string revision, CancellationToken cancellationToken = default) =>
        ResolveAsync(revision, undo: true, cancellationToken);

    /// <summary>
    /// Removes a partly applied revision's progress rows without running anything (Flyway's <c>repair</c>), for when
    /// its committed work was finished or undone by hand, or its revision file is gone. The version table is left as it
    /// is; the history records the step.
    /// </summary>
    /// <returns>The id of the revision whose rows were removed.</returns>
    public async Task<string> ForgetPartialAsync(string revision, CancellationToken cancellationToken = default)
    {
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var migrationLock = await dialect.MigrationLock.AcquireAsync(connection, Options.LockTimeout, _logger, cancellationToken);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);
        var id = FindPartial(await _progress.ReadAsync(executor, null, null, cancellationToken), revision);
        await _versions.EnsureTablesAsync(executor, cancellationToken);
        await executor.BeginAsync(cancellationToken);
        try
        {
            await _progress.DeleteRevisionAsync(executor, id, cancellationToken);
            await _versions.AddHistoryAsync(executor, id, "forget", null, null, cancellationToken);
            await executor.CommitAsync(cancellationToken);
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
        return id;
    }

    private async Task<RevisionRun> ResolveAsync(string revision, bool undo, CancellationToken ct)
    {
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenConnectionAsync(ct);
        await using var migrationLock = await dialect.MigrationLock.AcquireAsync(connection, Options.LockTimeout, _logger, ct);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);
        var partial = await _progress.ReadAsync(executor, null, null, ct);
        var id = FindPartial(partial, revision);
        if (!Graph.TryGet(id, out var info))
            throw new RetortException($"No revision file defines {id}, so its partly applied {partial.First(p => p.Revision == id).Direction} can be neither finished " +
                $"nor undone. Restore the file, or undo by hand what its committed steps did ('retort current' lists them) and clear its record with " +
                $"'retort resolve {id} --forget'. Nothing was changed.");
        // The stopped run's direction follows from the version table: a revision still recorded was being downgraded.
        var stoppedUp = !IsApplied(id, await _versions.ReadHeadsAsync(executor, ct));
        var stopped = stoppedUp ? "upgrade" : "downgrade";
        var undoing = partial.Any(p => p.Revision == id && p.Direction != stopped);
        if (!undo && undoing)
            throw new RetortException($"Revision {id}'s partly applied {stopped} is being undone (an undo of it stopped part way), so it cannot be finished. " +
                $"Finish the undo with 'retort resolve {id} --undo'. Nothing was changed.");
        if (undo) CheckNotExpand(info, stoppedUp);
        var up = undo ? !stoppedUp : stoppedUp;
        IReadOnlyList<Operations.MigrationOperation> plan;
        try { plan = PlanFor(info, up); }
        catch (RetortException e) when (undo)
        {
            throw new RetortException($"Revision {id}'s partly applied {stopped} cannot be undone automatically: {e.Message} " +
                $"Undo by hand what its committed steps did ('retort current' lists them), then clear its record with 'retort resolve {id} --forget'.", e);
        }
        var run = await new Transactions.PhasedRevision(NewRun(executor, await _versions.ReadHeadsAsync(executor, ct))).ApplyAsync(new RevisionPlan(info, plan, up).WithSafeRecipes(dialect), ct, undo);
        RevisionCompleted?.Invoke(run);
        return run;
    }

    /// <summary>The id of the partly applied revision <paramref name="revision"/> names (its id or a unique prefix).</summary>
    private static string FindPartial(IReadOnlyList<DataStepProgress> partial, string revision)
    {
        var ids = partial.Select(p => p.Revision).Distinct().ToList();
        if (ids.Contains(revision)) return revision;
        var matches = ids.Where(id => id.StartsWith(revision, StringComparison.Ordinal)).ToList();
        return matches switch
        {
            [var one] when revision.Length > 0 => one,
            [] or [_] => throw new RetortException(ids.Count == 0
                ? $"No revision is partly applied, so there is nothing to resolve for '{revision}'. Nothing was changed."
                : $"Revision '{revision}' is not partly applied; the partly applied revision(s): {string.Join(", ", ids)}. Nothing was changed."),
            _ => throw new RetortException($"'{revision}' names several partly applied revisions ({string.Join(", ", matches)}); give more of the id. Nothing was changed."),
        };
    }

    /// <summary>
    /// Refuses a run that would go past a partly applied revision: a downgrade of it or of one of its ancestors, an
    /// upgrade onto a revision whose downgrade stopped, any run while an undo is under way or the revision file is
    /// gone. Carrying on what stopped (the same revision, in the same direction) is allowed.
    /// </summary>
    /// <returns>The revisions of the path that resume a partly applied run (they go through the phased runner).</returns>
    private async Task<IReadOnlySet<string>> CheckPartlyAppliedAsync(MigrationExecutor executor, IReadOnlyList<RevisionInfo> path, bool up, CancellationToken ct)
    {
        var resumed = new HashSet<string>();
        var partial = await _progress.ReadAsync(executor, null, null, ct);
        foreach (var group in partial.GroupBy(p => p.Revision))
        {
            var id = group.Key;
            var directions = group.Select(p => p.Direction).Distinct().ToList();
            var direction = up ? "upgrade" : "downgrade";
            if (directions is [var only] && only == direction && path.Any(p => p.Id == id) && !Options.SingleTransaction)
            {
                resumed.Add(id);
                continue;
            }
            var known = Graph.TryGet(id, out _);
            var touched = !known || path.Any(p => up ? Graph.IsAncestorOrSelf(id, p.Id) : Graph.IsAncestorOrSelf(p.Id, id));
            if (!touched) continue;
            var steps = group.Where(p => p.Direction == directions[0]).ToList();
            var state = directions.Count > 1
                ? "partly applied and an undo of it stopped part way"
                : $"partly applied: its {directions[0]} stopped part way ({steps.Count(p => p.Finished)} step(s) finished" +
                  (steps.Sum(p => p.RowsDone) is var rows and > 0 ? $", {rows:N0} rows checkpointed)" : ")");
            var why = !known ? "no revision file defines it, so Retort cannot tell what this run would do to it"
                : Options.SingleTransaction && path.Any(p => p.Id == id) ? "a single-transaction run cannot resume it (it commits step by step)"
                : up ? $"this upgrade would build on it" : $"this downgrade would undo {(path.Any(p => p.Id == id) ? "it" : "the revisions below it")} and leave its committed work behind";
            var how = !known
                ? $"Restore its file and finish or undo it, or undo by hand what it did and clear its record with 'retort resolve {id} --forget'"
                : directions.Count > 1
                    ? $"Finish the undo with 'retort resolve {id} --undo'"
                    : $"Finish it with 'retort resolve {id} --finish' (or run its {directions[0]} again), undo what it committed with 'retort resolve {id} --undo', " +
                      $"or, once the database is repaired by hand, clear its record with 'retort resolve {id} --forget'";
            throw new PartlyAppliedRevisionException(id, $"Revision {id} is {state}; {why}. {how}. Nothing was changed.");
        }
        return resumed;
    }
}
