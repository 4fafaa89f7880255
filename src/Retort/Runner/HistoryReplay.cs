using Retort.Revisions;

namespace Retort.Runner;

/// <summary>
/// What the history table says about the database, replayed row by row: the heads it leads to, and the checksum each
/// applied revision was last recorded with. The version table is checked against it.
/// </summary>
internal static class HistoryReplay
{
    /// <summary>Direction of a history row written by a stamp that took a revision out of the version table.</summary>
    public const string Unstamp = "unstamp";

    /// <summary>Direction of a history row that accepts an applied revision's edit (its new checksum).</summary>
    public const string Accept = "accept";

    /// <summary>Direction of a history row that records an upgrade whose online operations ran their expand phase: applied, waiting for complete.</summary>
    public const string Expand = "expand";

    /// <summary>Direction of a history row that records the contract phase of an expanded revision (<c>retort complete</c>).</summary>
    public const string Complete = "complete";

    /// <summary>Direction of a history row that records an expand undone (<c>retort abort</c>); the revision is no longer applied.</summary>
    public const string Abort = "abort";

    /// <summary>
    /// The heads the history leads to. Revisions no script defines are kept as they are; known ones are normalized
    /// (an ancestor of another head is dropped), which also absorbs the stamps of histories written before stamps
    /// recorded the revisions they removed.
    /// </summary>
    public static IReadOnlySet<string> Heads(RevisionGraph graph, IEnumerable<HistoryEntry> history)
    {
        var heads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in history)
        {
            graph.TryGet(row.Revision, out var info);
            switch (row.Direction)
            {
                case "upgrade" or Expand:
                    heads.Add(row.Revision);
                    if (info is not null) heads.ExceptWith(info.DownRevisions);
                    break;
                case "downgrade":
                    heads.Remove(row.Revision);
                    if (info is not null) heads.UnionWith(info.DownRevisions);
                    break;
                case "stamp":
                    heads.Add(row.Revision);
                    break;
                case Unstamp:
                    heads.Remove(row.Revision);
                    break;
                // An abort of an expand that never finished recorded nothing to undo.
                case Abort when heads.Remove(row.Revision):
                    if (info is not null) heads.UnionWith(info.DownRevisions);
                    break;
            }
        }
        var result = new SortedSet<string>(graph.Normalize(heads.Where(h => graph.TryGet(h, out _)).ToList()), StringComparer.Ordinal);
        result.UnionWith(heads.Where(h => !graph.TryGet(h, out _)));
        return result;
    }

    /// <summary>
    /// Per revision, the history row holding the checksum it was last applied with (an upgrade, or an accepted edit);
    /// a downgrade forgets it.
    /// </summary>
    public static IReadOnlyDictionary<string, HistoryEntry> Checksums(IEnumerable<HistoryEntry> history)
    {
        var last = new Dictionary<string, HistoryEntry>(StringComparer.Ordinal);
        foreach (var row in history)
        {
            if (row.Direction is "upgrade" or Expand or Accept)
            {
                if (row.Checksum is null) last.Remove(row.Revision);
                else last[row.Revision] = row;
            }
            else if (row.Direction is "downgrade" or Abort) last.Remove(row.Revision);
        }
        return last;
    }

    /// <summary>
    /// The revisions whose latest run was an expand that no complete or abort followed (nor a downgrade or stamp): applied
    /// and waiting for <c>retort complete</c>, as far as the history says (callers check they are still applied).
    /// </summary>
    public static IReadOnlySet<string> Waiting(IEnumerable<HistoryEntry> history)
    {
        var waiting = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in history)
        {
            switch (row.Direction)
            {
                case Expand: waiting.Add(row.Revision); break;
                case "upgrade" or "downgrade" or "stamp" or Unstamp or Complete or Abort: waiting.Remove(row.Revision); break;
            }
        }
        return waiting;
    }
}
