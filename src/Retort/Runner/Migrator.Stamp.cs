using Retort.Revisions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Sets the version table to <paramref name="target"/> without running any revision (Alembic's
    /// <c>stamp</c>). With <paramref name="purge"/>, the table is emptied first, even if it names unknown revisions, and
    /// so is the progress table; without it, the progress rows of a partly applied revision that the stamp records as
    /// applied or not applied are removed (the stamp says what state it is in).
    /// </summary>
    public Task<IReadOnlyList<RevisionInfo>> StampAsync(string target, bool purge = false, CancellationToken cancellationToken = default) =>
        StampAsync([target], purge, cancellationToken);

    /// <summary>
    /// Sets the version table to the newest of <paramref name="targets"/> (one per branch, as Alembic's <c>stamp a b</c>)
    /// without running any revision. With <paramref name="purge"/>, the table is emptied first, even if it names unknown
    /// revisions. The history records what changed (<c>stamp</c> and <c>unstamp</c> rows), so the history and the version
    /// table agree afterwards: this is how a version table that was dropped or edited by hand is set right.
    /// </summary>
    public async Task<IReadOnlyList<RevisionInfo>> StampAsync(IReadOnlyList<string> targets, bool purge = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0) throw new RetortException("Stamp needs a target: a revision id, head, heads or base.");
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var migrationLock = await AcquireLockAsync(connection, cancellationToken);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);
        var existing = await _versions.ReadHeadsAsync(executor, cancellationToken);
        if (!purge) CheckKnown(existing);
        Resolve(purge ? [] : existing); // a bad target fails before anything is written
        await _versions.EnsureTablesAsync(executor, cancellationToken);
        await executor.BeginAsync(cancellationToken);
        try
        {
            var heads = await _versions.ReadHeadsAsync(executor, cancellationToken);
            if (!purge) CheckKnown(heads);
            var current = purge ? [] : heads;
            var after = Resolve(current);
            if (purge) await _versions.ClearHeadsAsync(executor, cancellationToken);
            await _versions.WriteHeadsAsync(executor, current, after, cancellationToken);
            if (purge) await _progress.DeleteAllAsync(executor, cancellationToken);
            else
                foreach (var id in (await _progress.ReadAsync(executor, null, null, cancellationToken)).Select(p => p.Revision).Distinct())
                    if (Graph.TryGet(id, out _) && IsApplied(id, current) != IsApplied(id, after))
                        await _progress.DeleteRevisionAsync(executor, id, cancellationToken);
            // Rows that take the history from what it recorded (and the table held) to the stamped heads.
            var recorded = HistoryReplay.Heads(Graph, await _versions.ReadHistoryAsync(executor, cancellationToken));
            foreach (var id in recorded.Union(heads).Except(after).Order(StringComparer.Ordinal))
                await _versions.AddHistoryAsync(executor, id, HistoryReplay.Unstamp, null, null, cancellationToken);
            foreach (var id in after.Except(recorded.Intersect(heads)))
                await _versions.AddHistoryAsync(executor, id, "stamp", null, null, cancellationToken);
            await executor.CommitAsync(cancellationToken);
            return after.Select(Graph.Get).ToList();
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }

        IReadOnlySet<string> Resolve(IReadOnlyCollection<string> current) =>
            Graph.Normalize(targets.SelectMany(t => Graph.ResolveUpgradeTarget(t, current).Revisions).ToList());
    }
}
