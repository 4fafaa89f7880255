using System.Data.Common;
using Retort.Connections;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Commands.Internal;

/// <summary>Follows a run's revisions through the migrator's events, to say afterwards what a failed run left.</summary>
internal sealed class RunTracker
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);
    private readonly Migrator _migrator;
    private readonly List<RevisionInfo> _finished = [];
    private RevisionInfo? _running;

    public RunTracker(Migrator migrator)
    {
        _migrator = migrator;
        migrator.RevisionStarting += (info, _) => _running = info;
        migrator.RevisionCompleted += run =>
        {
            if (!run.Skipped) _finished.Add(run.Revision);
            _running = null;
        };
    }

    public async Task<RunOutcome> DescribeAsync(Database database, bool up, Exception error, bool cancelled)
    {
        var direction = up ? "upgrade" : "downgrade";
        if (_running is null && _finished.Count == 0)
            return new RunOutcome(direction, [], [], [], null,
                cancelled ? $"No revision of this {direction} had started: nothing was applied or rolled back." : null);
        var full = Chain(error).OfType<DbException>().Any(database.Dialect.Connections.IsStorageFull)
            ? "The database or its disk is full: free space (or raise the database's size limit), then run the same command again to apply the rest. "
            : "";
        IReadOnlyList<RevisionInfo> heads;
        IReadOnlyList<DataStepProgress> partial;
        try
        {
            using var limit = new CancellationTokenSource(ReadLimit);
            heads = await _migrator.GetCurrentAsync(limit.Token);
            partial = await _migrator.GetInProgressAsync(limit.Token);
        }
        catch (Exception e) when (e is RetortException or DbException or OperationCanceledException)
        {
            return new RunOutcome(direction, [], [], [], null,
                full + $"What this {direction} kept could not be read back ({e.Message}); run 'retort current' to see where the database is.");
        }
        var graph = _migrator.Revisions.Graph;
        bool Applied(RevisionInfo r) => heads.Any(h => graph.IsAncestorOrSelf(r.Id, h.Id));
        var partlyApplied = partial.Select(p => p.Revision).Distinct(StringComparer.Ordinal).ToList();
        // A revision's change is in the database when it is applied after an upgrade, or no longer applied after a downgrade.
        bool Done(RevisionInfo r) => Applied(r) == up;
        var kept = _finished.Where(Done).ToList();
        var rolledBack = _finished.Where(r => !Done(r)).ToList();
        if (_running is { } running && !Done(running) && !partlyApplied.Contains(running.Id)) rolledBack.Add(running);
        var text = $"Rolled back: {List(rolledBack, "nothing")}. Kept from this {direction}: {List(kept, "nothing")}.";
        foreach (var id in partlyApplied)
            text += $" Revision {id} is partly applied: the phases and batches it committed are kept and checkpointed, and it is not recorded as applied; " +
                $"run {partial.First(p => p.Revision == id).Direction} again to resume it.";
        return new RunOutcome(direction, rolledBack, kept, partlyApplied, heads, full + text + $" The database is at {RevisionLabel.At(graph, heads)}.");
    }

    private static string List(IReadOnlyList<RevisionInfo> revisions, string none) =>
        revisions.Count == 0 ? none : string.Join(", ", revisions.Select(r => r.Message.Length > 0 ? $"{r.Id} ({r.Message})" : r.Id));

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException) yield return e;
    }
}
