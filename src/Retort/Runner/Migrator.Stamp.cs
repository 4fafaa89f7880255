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
    public async Task<IReadOnlyList<RevisionInfo>> StampAsync(string target, bool purge = false, CancellationToken cancellationToken = default)
    {
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var migrationLock = await dialect.AcquireMigrationLockAsync(connection, Options.LockTimeout, _logger, cancellationToken);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);
        var existing = await _versions.ReadHeadsAsync(executor, cancellationToken);
        if (!purge) CheckKnown(existing);
        Graph.ResolveUpgradeTarget(target, purge ? [] : existing); // a bad target fails before anything is written
        await _versions.EnsureTablesAsync(executor, cancellationToken);
        await executor.BeginAsync(cancellationToken);
        try
        {
            var heads = await _versions.ReadHeadsAsync(executor, cancellationToken);
            if (!purge) CheckKnown(heads);
            var current = purge ? [] : heads;
            var resolved = Graph.ResolveUpgradeTarget(target, current);
            var after = Graph.Normalize(resolved.Revisions);
            if (purge) await _versions.ClearHeadsAsync(executor, cancellationToken);
            await _versions.WriteHeadsAsync(executor, current, after, cancellationToken);
            if (purge) await _progress.DeleteAllAsync(executor, cancellationToken);
            else
                foreach (var id in (await _progress.ReadAsync(executor, null, null, cancellationToken)).Select(p => p.Revision).Distinct())
                    if (Graph.TryGet(id, out _) && IsApplied(id, current) != IsApplied(id, after))
                        await _progress.DeleteRevisionAsync(executor, id, cancellationToken);
            foreach (var id in after.Except(current))
                await _versions.AddHistoryAsync(executor, id, "stamp", null, null, cancellationToken);
            await executor.CommitAsync(cancellationToken);
            return after.Select(Graph.Get).ToList();
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
