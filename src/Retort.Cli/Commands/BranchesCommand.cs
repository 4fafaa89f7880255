using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary><c>retort branches</c>: revisions with more than one child, and their children.</summary>
internal static class BranchesCommand
{
    public static Command Create(CliSetup setup)
    {
        var command = new Command("branches", "Show the branch points (revisions more than one revision builds on).");
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var revisions = await ctx.LoadRevisionsAsync(ct);
            var graph = revisions.Graph;
            foreach (var point in graph.BranchPoints)
            {
                if (ctx.Verbose) RevisionText.Detail(ctx.Console, revisions, point);
                else ctx.Console.WriteLine(RevisionText.Short(graph, point));
                foreach (var child in graph.Children(point.Id))
                    ctx.Console.WriteLine(new string(' ', point.Id.Length) + " -> " + RevisionText.Short(graph, child));
            }
        }));
        return command;
    }
}
