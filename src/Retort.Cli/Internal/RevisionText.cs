using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>How revisions are written on the console, in Alembic's style.</summary>
internal static class RevisionText
{
    public static string Parents(RevisionInfo info) => info.IsBase ? "<base>" : string.Join(", ", info.DownRevisions);

    public static string Markers(RevisionGraph graph, RevisionInfo info)
    {
        var markers = new List<string>();
        if (info.BranchLabels.Count > 0) markers.Add("(" + string.Join(", ", info.BranchLabels) + ")");
        if (graph.Heads.Any(h => h.Id == info.Id)) markers.Add("(head)");
        if (graph.BranchPoints.Any(h => h.Id == info.Id)) markers.Add("(branchpoint)");
        if (info.IsMerge) markers.Add("(mergepoint)");
        return string.Join(' ', markers);
    }

    /// <summary><c>parent -&gt; id (head), message</c>.</summary>
    public static string Line(RevisionGraph graph, RevisionInfo info)
    {
        var markers = Markers(graph, info);
        return $"{Parents(info)} -> {info.Id}{(markers.Length > 0 ? " " + markers : "")}, {info.Message}";
    }

    /// <summary><c>id (head) message</c>, as <c>current</c> and <c>heads</c> print.</summary>
    public static string Short(RevisionGraph graph, RevisionInfo info)
    {
        var markers = Markers(graph, info);
        return $"{info.Id}{(markers.Length > 0 ? " " + markers : "")}{(info.Message.Length > 0 ? ", " + info.Message : "")}";
    }

    /// <summary>The detailed block of <c>-v</c> and <c>show</c>; <paramref name="edited"/> marks an applied revision edited since.</summary>
    public static void Detail(IAnsiConsole console, RevisionSet revisions, RevisionInfo info, EditedRevision? edited = null)
    {
        var graph = revisions.Graph;
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
        Row("Rev:", info.Id + (Markers(graph, info) is { Length: > 0 } m ? " " + m : ""));
        Row("Parent:", Parents(info));
        var children = graph.Children(info.Id);
        if (children.Count > 0) Row(children.Count > 1 ? "Branches into:" : "Child:", string.Join(", ", children.Select(c => c.Id)));
        if (info.BranchLabels.Count > 0) Row("Branch names:", string.Join(", ", info.BranchLabels));
        if (info.DependsOn.Count > 0) Row("Depends on:", string.Join(", ", info.DependsOn));
        Row("Path:", revisions[info.Id].Location);
        if (revisions[info.Id].Script.IrreversibleReason is { } reason) Row("Irreversible:", reason);
        Row("Message:", info.Message);
        if (edited is not null)
            Row("Edited:", $"since it was applied on {edited.AppliedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: its plan differs from the one that ran. " +
                $"Restore it, or accept the edit with 'retort accept {edited.Revision}'.");
        console.Write(grid);
        console.WriteLine();
    }
}
