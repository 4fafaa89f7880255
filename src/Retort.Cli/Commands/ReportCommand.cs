using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Rendering;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort report --html [--output FILE]</c>: one standalone page with the database's state: current revisions and
/// problems, data steps in progress, pending revisions and their lint findings, the revision graph, and the history
/// with durations. Only reads the database.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliSetup setup)
    {
        var html = new Option<bool>("--html") { Description = "Write the report as a standalone HTML page (the one format so far)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("report",
            "Report on the database in one page: current and pending revisions, data steps in progress, lint findings, the graph, the history with durations.")
        { html, output };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            if (!ctx.Get(html))
                throw new RetortException("retort report writes an HTML page and needs --html to say so (retort report --html --output report.html); " +
                    "for machine-readable state, use 'retort current --json' and 'retort history --json'.");
            var report = await ctx.Commands().ReportAsync(ct);
            await GraphCommand.WriteAsync(ctx, ctx.Get(output), ReportHtml.Render(report, DateTimeOffset.UtcNow), ct);
        }));
        return command;
    }
}
