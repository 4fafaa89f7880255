using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Json;

namespace Retort.Cli.Commands;

/// <summary><c>retort branches [--json]</c>: revisions with more than one child, and their children.</summary>
internal static class BranchesCommand
{
    public static Command Create(CliSetup setup)
    {
        var json = JsonOutput.Option("the branch points and their children");
        var command = new Command("branches", "Show the branch points (revisions more than one revision builds on).") { json };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var result = await ctx.Commands().BranchesAsync(ct);
            if (ctx.Json)
            {
                await JsonOutput.WriteAsync(setup, JsonOutput.Branches(result), CliJsonContext.Default.BranchesJson, ct);
                return;
            }
            var graph = result.Revisions.Graph;
            foreach (var (point, children) in result.BranchPoints)
            {
                if (ctx.Verbose) RevisionText.Detail(ctx.Console, result.Revisions, point);
                else ctx.Console.WriteLine(RevisionText.Short(graph, point));
                foreach (var child in children)
                    ctx.Console.WriteLine(new string(' ', point.Id.Length) + " -> " + RevisionText.Short(graph, child));
            }
        }));
        return command;
    }
}
