using System.Globalization;
using System.Net;
using System.Text;
using Retort.Revisions;

namespace Retort.Cli.Rendering;

/// <summary>
/// The revision graph as a standalone SVG drawing (<see cref="GraphLayout"/>: bases on top, heads at the bottom): a
/// box per revision with its id, marks and message, an arrow from each parent (dashed for <c>depends_on</c>), heads
/// with a thick border and a "head" mark, the database's current revisions filled green and marked "current".
/// Nothing is fetched: the style is inside.
/// </summary>
internal static class GraphSvg
{
    private const string Style = """
        .edge { fill: none; stroke: #667; stroke-width: 1.5; }
        .edge.depends { stroke-dasharray: 5 4; }
        .node rect { fill: #fff; stroke: #334; stroke-width: 1.2; rx: 6; }
        .node.head rect { stroke: #1a4fa0; stroke-width: 3.5; }
        .node.current rect { fill: #c8f0c8; }
        .node.pending rect { fill: #fff8e0; }
        .node text { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; fill: #223; }
        .node .id { font-weight: bold; font-size: 13px; }
        .node .marks { fill: #1a4fa0; font-size: 11px; }
        .node .message { font-family: system-ui, sans-serif; }
        """;

    /// <param name="graph">The revisions.</param>
    /// <param name="current">The database's current revisions; null when no database was read.</param>
    /// <param name="pending">Revisions not applied to the database, drawn pale yellow; null when no database was read.</param>
    public static string Render(RevisionGraph graph, IReadOnlyCollection<string>? current, IReadOnlyCollection<string>? pending = null)
    {
        var layout = GraphLayout.Of(graph);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"revision-graph\" width=\"{N(layout.Width)}\" height=\"{N(layout.Height)}\" viewBox=\"0 0 {N(layout.Width)} {N(layout.Height)}\" role=\"img\">\n");
        svg.Append("<title>Revision graph</title>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#667\"/></marker></defs>\n");
        svg.Append("<style>").Append(Style).Append("</style>\n<g class=\"edges\">\n");
        foreach (var node in layout.Nodes)
        {
            foreach (var p in node.Revision.DownRevisions) Edge(svg, layout.ById[graph.Get(p).Id], node, "edge");
            foreach (var d in node.Revision.DependsOn) Edge(svg, layout.ById[graph.Resolve(d).Id], node, "edge depends");
        }
        svg.Append("</g>\n<g class=\"nodes\">\n");
        foreach (var node in layout.Nodes)
        {
            var r = node.Revision;
            var marks = GraphText.Marks(graph, r, current);
            var classes = "node" + (marks.Contains("head") ? " head" : "") + (current?.Contains(r.Id) == true ? " current" : "") +
                (pending?.Contains(r.Id) == true ? " pending" : "") + (r.IsMerge ? " merge" : "") + (marks.Contains("branchpoint") ? " branchpoint" : "");
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"{classes}\" data-revision=\"{E(r.Id)}\" transform=\"translate({N(node.X)},{N(node.Y)})\">");
            svg.Append("<title>").Append(E(GraphText.Label(graph, r, current, "\n"))).Append("</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{N(GraphLayout.NodeWidth)}\" height=\"{N(GraphLayout.NodeHeight)}\"/>");
            svg.Append("<text class=\"id\" x=\"10\" y=\"18\">").Append(E(Fit(r.Id, 30))).Append("</text>");
            if (marks.Count > 0) svg.Append("<text class=\"marks\" x=\"10\" y=\"33\">").Append(E(Fit(string.Join(" ", marks.Select(m => "(" + m + ")")), 32))).Append("</text>");
            svg.Append("<text class=\"message\" x=\"10\" y=\"49\">").Append(E(Fit(r.Message, 34))).Append("</text>");
            svg.Append("</g>\n");
        }
        return svg.Append("</g>\n</svg>\n").ToString();
    }

    // From the bottom middle of the parent to the top middle of the child, as a smooth curve.
    private static void Edge(StringBuilder svg, LaidOutNode from, LaidOutNode to, string cls)
    {
        double x1 = from.X + GraphLayout.NodeWidth / 2, y1 = from.Y + GraphLayout.NodeHeight, x2 = to.X + GraphLayout.NodeWidth / 2, y2 = to.Y;
        var bend = Math.Max(20, (y2 - y1) / 2);
        svg.Append(CultureInfo.InvariantCulture,
            $"<path class=\"{cls}\" data-from=\"{E(from.Revision.Id)}\" data-to=\"{E(to.Revision.Id)}\" d=\"M {N(x1)} {N(y1)} C {N(x1)} {N(y1 + bend)}, {N(x2)} {N(y2 - bend)}, {N(x2)} {N(y2)}\" marker-end=\"url(#arrow)\"/>\n");
    }

    private static string Fit(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
