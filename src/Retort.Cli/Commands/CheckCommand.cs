using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort check</c>: exit 0 when the database is at the heads, matches the target schema, and its version table
/// and applied revisions are as upgrade expects them (no edited revision); 1 with every problem found otherwise.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliSetup setup)
    {
        var command = new Command("check", "Compare the database with the environment's target schema and validate its applied revisions; exit 1 when they differ, the database is not up to date or a revision was edited (for CI).");
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            await ctx.Commands().CheckAsync(cancellationToken: ct);
            ctx.Console.WriteLine("No differences: the database matches the target schema.");
        }));
        return command;
    }
}
