using Retort.Revisions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// Checks the database's bookkeeping as an upgrade does before it changes anything (Flyway's <c>validate</c>):
    /// the version table names only known revisions, agrees with the history table and the revision graph, and no
    /// applied revision was edited since it was applied.
    /// </summary>
    /// <exception cref="UnknownAppliedRevisionException">The version table names a revision no script defines.</exception>
    /// <exception cref="VersionTableMismatchException">The version table contradicts the history table or the graph.</exception>
    /// <exception cref="EditedRevisionsException">An applied revision was edited.</exception>
    public async Task ValidateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        await ReadCheckedStateAsync(executor, up: true, cancellationToken);
    }

    /// <summary>
    /// Applied revisions whose plan changed since they were applied: the checksum of their upgrade plan differs from
    /// the one the history recorded when they were last upgraded (or their edit last accepted). Only revisions the
    /// version table holds as applied are looked at.
    /// </summary>
    public async Task<IReadOnlyList<EditedRevision>> FindEditedRevisionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, _database.Dialect, _logger);
        var (heads, history) = await ReadStateAsync(executor, cancellationToken);
        CheckKnown(heads);
        return FindEdited(heads, history);
    }

    /// <summary>
    /// Accepts edits of applied revisions: records each one's current checksum in the history table (direction
    /// <c>accept</c>), so upgrades run again. Nothing else changes; do whatever the edit needs in the database first.
    /// </summary>
    /// <param name="revisions">Ids (or unique prefixes) of edited revisions; null accepts every edited revision.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The edits accepted.</returns>
    public async Task<IReadOnlyList<EditedRevision>> AcceptEditsAsync(IReadOnlyCollection<string>? revisions = null, CancellationToken cancellationToken = default)
    {
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var migrationLock = await AcquireLockAsync(connection, cancellationToken);
        await using var executor = new OnlineExecutor(connection, dialect, _logger);
        var (heads, history) = await ReadCheckedStateAsync(executor, up: false, cancellationToken);
        var edited = FindEdited(heads, history);
        var chosen = edited;
        if (revisions is not null)
        {
            var ids = revisions.Select(r => Graph.Resolve(r).Id).Distinct().ToList();
            if (ids.FirstOrDefault(id => edited.All(e => e.Revision != id)) is { } unchanged)
                throw new RetortException($"Revision {unchanged} has no edit to accept: it is not applied, or its plan is the one that was applied. " +
                    (edited.Count == 0 ? "No applied revision is edited." : $"Edited: {string.Join(", ", edited.Select(e => e.Revision))}.") + " Nothing was changed.");
            chosen = edited.Where(e => ids.Contains(e.Revision)).ToList();
        }
        if (chosen.Count == 0) return [];
        await executor.BeginAsync(cancellationToken);
        try
        {
            foreach (var e in chosen)
                await _versions.AddHistoryAsync(executor, e.Revision, HistoryReplay.Accept, null, e.CurrentChecksum, cancellationToken);
            await executor.CommitAsync(cancellationToken);
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
        return chosen;
    }

    /// <summary>The history, then the version rows: a run committing in between leaves the heads newer than the history, never older.</summary>
    private async Task<(IReadOnlyList<string> Heads, IReadOnlyList<HistoryEntry> History)> ReadStateAsync(MigrationExecutor executor, CancellationToken ct)
    {
        var history = await _versions.ReadHistoryAsync(executor, ct);
        return (await _versions.ReadHeadsAsync(executor, ct), history);
    }

    /// <summary>
    /// The version rows and the history, after refusing a version table that names unknown revisions or contradicts the
    /// history or the graph, and (<paramref name="up"/>) applied revisions that were edited. Runs before anything is written.
    /// </summary>
    private async Task<(IReadOnlyList<string> Heads, IReadOnlyList<HistoryEntry> History)> ReadCheckedStateAsync(MigrationExecutor executor, bool up, CancellationToken ct)
    {
        var (heads, history) = await ReadStateAsync(executor, ct);
        CheckKnown(heads);
        if (FindMismatch(heads, history) is not null && !_database.Dialect.MigrationLock.IsExclusive)
        {
            // Without an exclusive lock a concurrent downgrade may have committed between the two reads: confirm in a
            // transaction (on SQLite it holds the write lock, so both reads see the same state).
            await executor.BeginAsync(ct);
            try { (heads, history) = await ReadStateAsync(executor, ct); }
            finally { await executor.RollbackAsync(CancellationToken.None); }
            CheckKnown(heads);
        }
        if (FindMismatch(heads, history) is { } mismatch) throw mismatch;
        if (up && FindEdited(heads, history) is { Count: > 0 } edited) throw new EditedRevisionsException(edited);
        return (heads, history);
    }

    private VersionTableMismatchException? FindMismatch(IReadOnlyList<string> heads, IReadOnlyList<HistoryEntry> history)
    {
        var table = Options.VersionTable;
        var recorded = HistoryReplay.Heads(Graph, history).ToList();
        var unknown = recorded.Where(id => !Graph.TryGet(id, out _)).ToList();
        var stampRecorded = $"retort stamp {string.Join(' ', recorded)}";
        if (heads.Count == 0 && recorded.Count > 0)
        {
            var restore = unknown.Count == 0
                ? $"If their changes are in the database, restore the version table with '{stampRecorded}'"
                : $"If their changes are in the database, restore the scripts of {string.Join(", ", unknown)} and run '{stampRecorded}'";
            return new VersionTableMismatchException(
                $"The version table {table} is missing or empty, but the history table {Options.HistoryTable} records " +
                $"revision(s) {string.Join(", ", recorded)} as applied. Retort cannot tell which is right, and an upgrade now would run every revision again from base. " +
                $"{restore}; if the database really has none of them (its tables were dropped too), record that with 'retort stamp base'. Nothing was changed.",
                heads, recorded, unknown.Count == 0 ? stampRecorded : "retort stamp base");
        }
        var normal = Graph.Normalize(heads);
        if (normal.Count == heads.Count) return null;
        var below = heads.Except(normal).ToList();
        var pairs = below.Select(b => $"{b} is an ancestor of {heads.First(h => h != b && Graph.IsAncestorOrSelf(b, h))}");
        var fromHistory = unknown.Count == 0 && recorded.Count > 0 && !recorded.SequenceEqual(normal);
        var repair = fromHistory ? stampRecorded : $"retort stamp {string.Join(' ', normal)}";
        return new VersionTableMismatchException(
            $"The version table {table} holds {string.Join(", ", heads)}, but {string.Join("; ", pairs)}: the table lists only the newest applied revision of " +
            "each branch, so it was changed by hand or by another tool, and an upgrade or downgrade from it would skip or repeat revisions. " +
            (fromHistory
                ? $"The history table {Options.HistoryTable} says the database is at {string.Join(", ", recorded)}: set that with '{repair}' " +
                  $"(or, if the newest revisions in the table are right, 'retort stamp {string.Join(' ', normal)}')."
                : $"Set the table to its newest revisions with '{repair}'.") + " Nothing was changed.",
            heads, recorded, repair);
    }

    private List<EditedRevision> FindEdited(IReadOnlyList<string> heads, IReadOnlyList<HistoryEntry> history)
    {
        var applied = heads.SelectMany(h => Graph.Ancestors(h).Select(a => a.Id).Append(h)).ToHashSet(StringComparer.Ordinal);
        var edited = new List<EditedRevision>();
        foreach (var (id, row) in HistoryReplay.Checksums(history).OrderBy(kv => kv.Value.Id))
        {
            if (!applied.Contains(id) || Revisions.Find(id) is not { } revision) continue;
            var now = PlanFingerprint.Compute(BuildPlan(revision, up: true));
            if (now != row.Checksum) edited.Add(new EditedRevision(id, revision.Script.Source, row.AppliedAt, row.Checksum!, now));
        }
        return edited;
    }
}
