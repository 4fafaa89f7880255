using Retort.Revisions;

namespace Retort.Commands.Internal;

/// <summary>How messages of the commands name revisions, as Alembic prints them.</summary>
internal static class RevisionLabel
{
    /// <summary><c>(label) (head) (branchpoint) (mergepoint)</c>, as applicable.</summary>
    public static string Markers(RevisionGraph graph, RevisionInfo info)
    {
        var markers = new List<string>();
        if (info.BranchLabels.Count > 0) markers.Add("(" + string.Join(", ", info.BranchLabels) + ")");
        if (graph.Heads.Any(h => h.Id == info.Id)) markers.Add("(head)");
        if (graph.BranchPoints.Any(h => h.Id == info.Id)) markers.Add("(branchpoint)");
        if (info.IsMerge) markers.Add("(mergepoint)");
        return string.Join(' ', markers);
    }

    /// <summary><c>id (head), message</c>.</summary>
    public static string Short(RevisionGraph graph, RevisionInfo info)
    {
        var markers = Markers(graph, info);
        return $"{info.Id}{(markers.Length > 0 ? " " + markers : "")}{(info.Message.Length > 0 ? ", " + info.Message : "")}";
    }

    /// <summary>The revisions the database is at, in a sentence: <c>base (no revision applied)</c> or their short forms.</summary>
    public static string At(RevisionGraph graph, IReadOnlyList<RevisionInfo> heads) =>
        heads.Count == 0 ? "base (no revision applied)" : string.Join(", ", heads.Select(h => Short(graph, h)));
}
