using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Rendering;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort graph [--format mermaid|dot|svg|html] [--output FILE]</c>: the revision graph as Mermaid or DOT text, or a
/// standalone SVG drawing or HTML page; heads marked, and with <c>--url</c> (or RETORT_URL) the database's current
/// revisions and the pending ones too.
/// </summary>
internal static class GraphCommand
{
    public static Command Create(CliSetup setup)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (a flowchart for Markdown), dot (Graphviz), svg (a drawing) or html (a page with the drawing and a legend).",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot", "svg", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("graph",
            "Draw the revision graph: branches, merges, labels and heads; with --url, also the revisions the database is at and the pending ones.")
        { format, output };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var useDatabase = ctx.Get(setup.Common.Url) is not null || setup.GetEnvironmentVariable("RETORT_URL") is { Length: > 0 };
            var history = await ctx.Commands().HistoryAsync(indicateCurrent: useDatabase, cancellationToken: ct);
            var graph = history.Revisions.Graph;
            IReadOnlyCollection<string>? current = useDatabase ? history.Current.ToHashSet(StringComparer.Ordinal) : null;
            IReadOnlyCollection<string>? pending = null;
            if (current is not null)
            {
                var applied = current.SelectMany(id => graph.Ancestors(id).Select(a => a.Id).Append(id)).ToHashSet(StringComparer.Ordinal);
                pending = graph.All.Where(r => !applied.Contains(r.Id)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            }
            var text = ctx.Get(format) switch
            {
                "dot" => GraphText.Dot(graph, current),
                "svg" => GraphSvg.Render(graph, current, pending),
                "html" => HtmlPage.Wrap("Revision graph", "<h1>Revision graph</h1>\n<p class=\"subtitle\">" + graph.All.Count + " revision(s), " +
                    graph.Heads.Count + " head(s)" + (useDatabase ? ", the database at " + HtmlPage.E(current!.Count == 0 ? "base" : string.Join(", ", current)) : "") +
                    "</p>\n" + HtmlPage.Legend(useDatabase) + "<div class=\"graph\">\n" + GraphSvg.Render(graph, current, pending) + "</div>\n"),
                _ => GraphText.Mermaid(graph, current),
            };
            await WriteAsync(ctx, ctx.Get(output), text, ct);
        }));
        return command;
    }

    /// <summary>Writes a rendering to the file (saying so) or to standard output.</summary>
    public static async Task WriteAsync(CliContext ctx, string? file, string text, CancellationToken ct)
    {
        if (file is null)
        {
            await ctx.Setup.Out.WriteAsync(text);
            await ctx.Setup.Out.FlushAsync(ct);
            return;
        }
        var path = Path.GetFullPath(file, ctx.Setup.WorkingDirectory);
        try { await File.WriteAllTextAsync(path, text, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RetortException($"Cannot write {path}: {e.Message} Check that its folder exists and is writable, or name another file with --output.");
        }
        ctx.Console.WriteLine($"Wrote {path}.");
    }
}
