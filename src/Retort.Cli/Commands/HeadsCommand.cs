using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Json;

namespace Retort.Cli.Commands;

/// <summary><c>retort heads [-v] [--json]</c>: the revisions nothing builds on yet.</summary>
internal static class HeadsCommand
{
    public static Command Create(CliSetup setup)
    {
        var json = JsonOutput.Option("the heads");
        var command = new Command("heads", "Show the head revisions (the tips of every branch).") { json };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var result = await ctx.Commands().HeadsAsync(ct);
            if (ctx.Json)
            {
                await JsonOutput.WriteAsync(setup, JsonOutput.Heads(result), CliJsonContext.Default.HeadsJson, ct);
                return;
            }
            foreach (var head in result.Heads)
            {
                if (ctx.Verbose) RevisionText.Detail(ctx.Console, result.Revisions, head);
                else ctx.Console.WriteLine(RevisionText.Short(result.Revisions.Graph, head));
            }
        }));
        return command;
    }
}
