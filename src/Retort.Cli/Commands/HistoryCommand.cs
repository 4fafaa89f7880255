using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Migrations;
using Retort.Connections;
using Retort.Revisions;
using Retort.Runner;
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
            var text = ctx.Get(range);
            var needCurrent = ctx.Get(indicate) || (text?.Contains("current", StringComparison.Ordinal) ?? false);
            RevisionSet revisions;
            IReadOnlyList<string> current = [];
            IReadOnlyList<EditedRevision> edited = [];
            // -v also marks applied revisions that were edited, when a database is configured and reachable.
            await using var database = needCurrent ? ctx.OpenDatabase() : ctx.Verbose ? TryOpenDatabase(ctx) : null;
            if (database is not null)
            {
                var migrator = await ctx.CreateMigratorAsync(database, ct);
                revisions = migrator.Revisions;
                // A database file that does not exist is at base; reading it would create it.
                if (!database.OpeningCreatesDatabase)
                {
                    if (needCurrent) current = (await migrator.GetCurrentAsync(ct)).Select(r => r.Id).ToList();
                    if (ctx.Verbose)
                    {
                        try { edited = await migrator.FindEditedRevisionsAsync(ct); }
                        catch (RetortException e) when (!needCurrent) { ctx.Log("Edited revisions not looked for: " + e.Message); }
                    }
                }
            }
            else revisions = await ctx.LoadRevisionsAsync(ct);
            var graph = revisions.Graph;
            var shown = Select(graph, text, current);
            if (ctx.Verbose)
            {
                foreach (var info in shown) RevisionText.Detail(ctx.Console, revisions, info, edited.FirstOrDefault(e => e.Revision == info.Id));
                return;
            }
            var table = new Table().AddColumn("Revision").AddColumn("Parent").AddColumn("").AddColumn("Message");
            foreach (var info in shown)
            {
                var markers = RevisionText.Markers(graph, info) + (current.Contains(info.Id) ? " (current)" : "");
                table.AddRow(Markup.Escape(info.Id), Markup.Escape(RevisionText.Parents(info)), Markup.Escape(markers.Trim()), Markup.Escape(info.Message));
            }
            ctx.Console.Write(table);
        }));
        return command;
    }

    private static Database? TryOpenDatabase(CliContext ctx)
    {
        try { return ctx.OpenDatabase(); }
        catch (RetortException e)
        {
            ctx.Log("Edited revisions not looked for: " + e.Message);
            return null;
        }
    }

    private static IEnumerable<RevisionInfo> Select(RevisionGraph graph, string? range, IReadOnlyList<string> current)
    {
        IEnumerable<RevisionInfo> all = graph.All.Reverse();
        if (string.IsNullOrEmpty(range)) return all;
        var colon = range.IndexOf(':');
        if (colon < 0)
            throw new RetortException($"The range '{range}' needs a colon: START:END, :END or START: (for example base:head or ae10:).");
        var start = Resolve(graph, range[..colon], current);
        var end = Resolve(graph, range[(colon + 1)..], current);
        var from = start is null ? null : start.SelectMany(id => graph.Descendants(id).Select(d => d.Id).Append(id)).ToHashSet();
        var to = end is null ? null : end.SelectMany(id => graph.Ancestors(id).Select(d => d.Id).Append(id)).ToHashSet();
        return all.Where(r => (from is null || from.Contains(r.Id)) && (to is null || to.Contains(r.Id)));
    }

    /// <summary>The revisions a range end names; null means unbounded.</summary>
    private static IReadOnlyList<string>? Resolve(RevisionGraph graph, string text, IReadOnlyList<string> current) => text switch
    {
        "" or "base" => null,
        "heads" or "head" when text == "heads" || graph.Heads.Count <= 1 => null,
        "current" => current,
        _ => graph.ResolveUpgradeTarget(text, []).Revisions,
    };
}
