using System.Text.RegularExpressions;
using Retort.Revisions;

namespace Retort.Fleet.Internal;

/// <summary>Revision arithmetic of a fleet: a target's heads before its run, and the target revision a status row records.</summary>
internal static partial class TargetHeads
{
    /// <summary>
    /// The heads before a run that ended at <paramref name="after"/> having applied (<paramref name="up"/>) or reverted
    /// <paramref name="changed"/>: without a second read of the version table.
    /// </summary>
    public static IReadOnlyList<string> Before(RevisionGraph graph, IReadOnlyList<string> after, IReadOnlyCollection<string> changed, bool up)
    {
        if (changed.Count == 0) return after;
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Close(string id)
        {
            if (!graph.TryGet(id, out _) || !set.Add(id)) return;
            foreach (var ancestor in graph.Ancestors(id)) set.Add(ancestor.Id);
        }
        foreach (var head in after) Close(head);
        if (up) set.ExceptWith(changed);
        else foreach (var id in changed) Close(id);
        var parents = new HashSet<string>(set.SelectMany(id => graph.Get(id).DownRevisions), StringComparer.Ordinal);
        return set.Where(id => !parents.Contains(id)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The revisions a run goes to, as the status table records it: <c>base</c> or the ids, or a relative target as given
    /// (which differs per database, so a rerun never counts it as done).
    /// </summary>
    public static string TargetRevision(RevisionGraph graph, string target, bool up)
    {
        if (Relative().IsMatch(target)) return target;
        var resolved = up ? graph.ResolveUpgradeTarget(target, []) : graph.ResolveDowngradeTarget(target, []);
        return resolved.IsBase ? "base" : string.Join(",", resolved.Revisions.Order(StringComparer.Ordinal));
    }

    public static bool IsRelative(string target) => Relative().IsMatch(target);

    [GeneratedRegex(@"[+-][0-9]+$")]
    private static partial Regex Relative();
}
