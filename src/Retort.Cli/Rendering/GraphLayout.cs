using Retort.Revisions;

namespace Retort.Cli.Rendering;

/// <summary>One revision's box in a <see cref="GraphLayout"/>.</summary>
internal sealed record LaidOutNode(RevisionInfo Revision, int Layer, int Slot, double X, double Y);

/// <summary>
/// A layered layout of the revision graph: each revision one layer below its deepest parent (bases on top), the
/// revisions of a layer ordered by where their parents sit (fewer crossings), boxes of one size, centred per layer.
/// </summary>
internal sealed class GraphLayout
{
    public const double NodeWidth = 230, NodeHeight = 58, GapX = 36, GapY = 54, Margin = 20;

    private GraphLayout(IReadOnlyList<LaidOutNode> nodes, double width, double height)
    {
        Nodes = nodes;
        Width = width;
        Height = height;
        ById = nodes.ToDictionary(n => n.Revision.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<LaidOutNode> Nodes { get; }

    public IReadOnlyDictionary<string, LaidOutNode> ById { get; }

    public double Width { get; }

    public double Height { get; }

    public static GraphLayout Of(RevisionGraph graph)
    {
        // Graph order is topological (parents first), so one pass finds every revision's depth.
        var layer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in graph.All)
            layer[r.Id] = r.DownRevisions.Count == 0 ? 0 : r.DownRevisions.Max(p => layer.TryGetValue(graph.Get(p).Id, out var d) ? d + 1 : 0);
        var layers = graph.All.GroupBy(r => layer[r.Id]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var slot = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var revisions in layers)
        {
            // Barycentre of the parents' slots; ties keep graph order.
            var ordered = revisions.Select((r, i) => (r, i, key: r.DownRevisions.Count == 0 ? i : r.DownRevisions.Average(p => slot.GetValueOrDefault(graph.Get(p).Id))))
                .OrderBy(t => t.key).ThenBy(t => t.i).Select(t => t.r).ToList();
            for (var i = 0; i < ordered.Count; i++) slot[ordered[i].Id] = i;
            revisions.Clear();
            revisions.AddRange(ordered);
        }
        var widest = layers.Count == 0 ? 0 : layers.Max(l => l.Count);
        var width = Margin * 2 + Math.Max(1, widest) * NodeWidth + Math.Max(0, widest - 1) * GapX;
        var nodes = new List<LaidOutNode>();
        for (var l = 0; l < layers.Count; l++)
        {
            var count = layers[l].Count;
            var rowWidth = count * NodeWidth + (count - 1) * GapX;
            var left = (width - rowWidth) / 2;
            for (var i = 0; i < count; i++)
                nodes.Add(new LaidOutNode(layers[l][i], l, i, left + i * (NodeWidth + GapX), Margin + l * (NodeHeight + GapY)));
        }
        var height = Margin * 2 + Math.Max(1, layers.Count) * NodeHeight + Math.Max(0, layers.Count - 1) * GapY;
        return new GraphLayout(nodes, width, height);
    }
}
