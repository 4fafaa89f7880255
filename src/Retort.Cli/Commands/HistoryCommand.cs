using System.CommandLine;
using Retort.Cli.Internal;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort history [-r START:END] [-v] [-i]</c>: the revisions, newest first; <c>-v</c> also marks applied revisions
/// that were edited since (when a database is configured).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliSetup setup)
    {
        var range = new Option<string?>("--rev-range", "-r") { Description = "START:END, either side optional: ids, labels, base, head(s), current." };
        var indicate = new Option<bool>("--indicate-current", "-i") { Description = "Mark the revisions the database is at (connects to it)." };
        var command = new Command("history", "List the revisions, newest first.") { range, indicate };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            // -v also marks applied revisions that were edited, when a database is configured and reachable.
            var result = await ctx.Commands().HistoryAsync(ctx.Get(range), ctx.Get(indicate), findEdited: ctx.Verbose, ct);
            var graph = result.Revisions.Graph;
            if (ctx.Verbose)
            {
                foreach (var info in result.Shown)
                {
                    RevisionText.Detail(ctx.Console, result.Revisions, info, result.Edited.FirstOrDefault(e => e.Revision == info.Id));
                    if (result.Allowed.TryGetValue(info.Id, out var allowed))
                        foreach (var line in allowed.Split('\n')) ctx.Console.WriteLine($"    Lint finding allowed: {line}");
                }
                return;
            }
            var table = new Table().AddColumn("Revision").AddColumn("Parent").AddColumn("").AddColumn("Message");
            foreach (var info in result.Shown)
            {
                var markers = RevisionText.Markers(graph, info) + (result.Current.Contains(info.Id) ? " (current)" : "") +
                    (result.Waiting.Contains(info.Id) ? " (expanded)" : "");
                table.AddRow(Markup.Escape(info.Id), Markup.Escape(RevisionText.Parents(info)), Markup.Escape(markers.Trim()), Markup.Escape(info.Message));
            }
            ctx.Console.Write(table);
            // Read from the history table when the database was read (-i): what each upgrade allowed past the lint gate.
            foreach (var info in result.Shown.Where(i => result.Allowed.ContainsKey(i.Id)))
                foreach (var line in result.Allowed[info.Id].Split('\n'))
                    ctx.Console.WriteLine($"{info.Id}: lint finding allowed: {line}");
            foreach (var id in result.Waiting)
                ctx.Console.WriteLine($"{id}: expanded, waiting for complete ('retort complete {id}' once no application uses the old version, or 'retort abort {id}').");
        }));
        return command;
    }
}
