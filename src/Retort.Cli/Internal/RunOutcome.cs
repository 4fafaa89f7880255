using System.Data.Common;
using Retort.Connections;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Cli.Internal;

/// <summary>
/// What an <c>upgrade</c> or <c>downgrade</c> that failed or was cancelled leaves behind, read back from the database
/// rather than assumed: which revisions of the run were rolled back, which stay, which are partly applied.
/// </summary>
internal sealed class RunOutcome
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);
    private readonly List<RevisionInfo> _finished = [];
    private RevisionInfo? _running;

    public void Attach(Migrator migrator)
    {
        migrator.RevisionStarting += (info, _) => _running = info;
        migrator.RevisionCompleted += run =>
        {
            if (!run.Skipped) _finished.Add(run.Revision);
            _running = null;
        };
    }

    /// <summary>
    /// One paragraph for standard error after the error itself; null when no revision had started (the error then
    /// came before anything was written, and says so itself) and the run was not cancelled.
    /// </summary>
    public async Task<string?> DescribeAsync(Migrator migrator, Database database, bool up, Exception error, bool cancelled)
    {
        var direction = up ? "upgrade" : "downgrade";
        if (_running is null && _finished.Count == 0)
            return cancelled ? $"No revision of this {direction} had started: nothing was applied or rolled back." : null;
        var full = Chain(error).OfType<DbException>().Any(database.Dialect.Connections.IsStorageFull)
            ? "The database or its disk is full: free space (or raise the database's size limit), then run the same command again to apply the rest. "
            : "";
        IReadOnlyList<RevisionInfo> heads;
        IReadOnlyList<DataStepProgress> partial;
        try
        {
            using var limit = new CancellationTokenSource(ReadLimit);
            heads = await migrator.GetCurrentAsync(limit.Token);
            partial = await migrator.GetInProgressAsync(limit.Token);
        }
        catch (Exception e) when (e is RetortException or DbException or OperationCanceledException)
        {
            return full + $"What this {direction} kept could not be read back ({e.Message}); run 'retort current' to see where the database is.";
        }
        var graph = migrator.Revisions.Graph;
        bool Applied(RevisionInfo r) => heads.Any(h => graph.IsAncestorOrSelf(r.Id, h.Id));
        var partlyApplied = partial.Select(p => p.Revision).ToHashSet(StringComparer.Ordinal);
        // A revision's change is in the database when it is applied after an upgrade, or no longer applied after a downgrade.
        bool Done(RevisionInfo r) => Applied(r) == up;
        var kept = _finished.Where(Done).ToList();
        var rolledBack = _finished.Where(r => !Done(r)).ToList();
        if (_running is { } running && !Done(running) && !partlyApplied.Contains(running.Id)) rolledBack.Add(running);
        var text = $"Rolled back: {List(rolledBack, "nothing")}. Kept from this {direction}: {List(kept, "nothing")}.";
        foreach (var id in partlyApplied)
            text += $" Revision {id} is partly applied: the phases and batches it committed are kept and checkpointed, and it is not recorded as applied; " +
                $"run {partial.First(p => p.Revision == id).Direction} again to resume it.";
        var at = heads.Count == 0 ? "base (no revision applied)" : string.Join(", ", heads.Select(h => RevisionText.Short(graph, h)));
        return full + text + $" The database is at {at}.";
    }

    private static string List(IReadOnlyList<RevisionInfo> revisions, string none) =>
        revisions.Count == 0 ? none : string.Join(", ", revisions.Select(r => r.Message.Length > 0 ? $"{r.Id} ({r.Message})" : r.Id));

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException) yield return e;
    }
}
