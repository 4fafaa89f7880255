using System.Text;
using Retort.Revisions;

namespace Retort.Cli.Rendering;

/// <summary>
/// The revision graph as Mermaid (<c>flowchart</c>) and Graphviz DOT text: an edge from each parent to its child
/// (dashed for <c>depends_on</c>), heads drawn with a thick border, the database's current revisions filled green.
/// </summary>
internal static class GraphText
{
    public static string Mermaid(RevisionGraph graph, IReadOnlyCollection<string>? current)
    {
        var ids = graph.All.Select((r, i) => (r.Id, i)).ToDictionary(t => t.Id, t => "r" + t.i, StringComparer.Ordinal);
        var text = new StringBuilder("flowchart TD\n");
        foreach (var r in graph.All)
            text.Append("  ").Append(ids[r.Id]).Append("[\"").Append(MermaidText(Label(graph, r, current, "<br/>"))).Append("\"]\n");
        foreach (var r in graph.All)
        {
            foreach (var p in r.DownRevisions) text.Append("  ").Append(ids[graph.Get(p).Id]).Append(" --> ").Append(ids[r.Id]).Append('\n');
            foreach (var d in r.DependsOn) text.Append("  ").Append(ids[graph.Resolve(d).Id]).Append(" -.-> ").Append(ids[r.Id]).Append('\n');
        }
        text.Append("  classDef head stroke-width:4px;\n  classDef current fill:#c8f0c8;\n");
        if (graph.Heads.Count > 0) text.Append("  class ").Append(string.Join(',', graph.Heads.Select(h => ids[h.Id]))).Append(" head;\n");
        var at = graph.All.Where(r => current?.Contains(r.Id) == true).ToList();
        if (at.Count > 0) text.Append("  class ").Append(string.Join(',', at.Select(r => ids[r.Id]))).Append(" current;\n");
        return text.ToString();
    }

    public static string Dot(RevisionGraph graph, IReadOnlyCollection<string>? current)
    {
        var text = new StringBuilder("digraph revisions {\n  rankdir=TB;\n  node [shape=box, style=\"rounded\", fontname=\"monospace\"];\n");
        foreach (var r in graph.All)
        {
            var attributes = new List<string> { "label=" + DotString(Label(graph, r, current, "\n")) };
            var isHead = graph.Heads.Any(h => h.Id == r.Id);
            if (isHead) attributes.Add("penwidth=3");
            if (current?.Contains(r.Id) == true) attributes.Add("style=\"rounded,filled\", fillcolor=\"#c8f0c8\"");
            text.Append("  ").Append(DotString(r.Id)).Append(" [").Append(string.Join(", ", attributes)).Append("];\n");
        }
        foreach (var r in graph.All)
        {
            foreach (var p in r.DownRevisions) text.Append("  ").Append(DotString(graph.Get(p).Id)).Append(" -> ").Append(DotString(r.Id)).Append(";\n");
            foreach (var d in r.DependsOn) text.Append("  ").Append(DotString(graph.Resolve(d).Id)).Append(" -> ").Append(DotString(r.Id)).Append(" [style=dashed];\n");
        }
        return text.Append("}\n").ToString();
    }

    /// <summary>The id, its marks (labels, head, branch point, merge point, current) and the message, one per line.</summary>
    public static string Label(RevisionGraph graph, RevisionInfo r, IReadOnlyCollection<string>? current, string newLine)
    {
        var lines = new List<string> { r.Id };
        var marks = Marks(graph, r, current);
        if (marks.Count > 0) lines.Add(string.Join(" ", marks.Select(m => "(" + m + ")")));
        if (r.Message.Length > 0) lines.Add(r.Message);
        return string.Join(newLine, lines);
    }

    public static IReadOnlyList<string> Marks(RevisionGraph graph, RevisionInfo r, IReadOnlyCollection<string>? current)
    {
        var marks = new List<string>(r.BranchLabels);
        if (graph.Heads.Any(h => h.Id == r.Id)) marks.Add("head");
        if (graph.BranchPoints.Any(b => b.Id == r.Id)) marks.Add("branchpoint");
        if (r.IsMerge) marks.Add("mergepoint");
        if (current?.Contains(r.Id) == true) marks.Add("current");
        return marks;
    }

    // Mermaid labels in double quotes: quotes and the characters Mermaid reads as markup become entity codes.
    private static string MermaidText(string s) => s.Replace("\"", "#quot;").Replace("<br/>", "\u0001").Replace("<", "#lt;").Replace(">", "#gt;").Replace("\u0001", "<br/>");

    private static string DotString(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
