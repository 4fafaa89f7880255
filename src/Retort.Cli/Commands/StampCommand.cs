using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary><c>retort stamp TARGET... [--purge]</c>: set the version table without running revisions.</summary>
internal static class StampCommand
{
    public static Command Create(CliSetup setup)
    {
        var target = new Argument<string[]>("target")
        {
            Description = "Revision(s) to record as current: head, heads, base, an id, label@head; several for several branches.",
            Arity = ArgumentArity.OneOrMore,
        };
        var purge = new Option<bool>("--purge") { Description = "Empty the version table first, even if it names unknown revisions." };
        var command = new Command("stamp", "Set the database's revision without running any migration.") { target, purge };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var result = await ctx.Commands().StampAsync(ctx.Get(target)!, ctx.Get(purge), ct);
            ctx.Console.WriteLine(result.Heads.Count == 0
                ? "Stamped base: no revision is recorded as applied."
                : "Stamped " + string.Join(", ", result.Heads.Select(h => RevisionText.Short(result.Revisions.Graph, h))) + ".");
            await ctx.WriteAfterChangeAsync(ct);
        }));
        return command;
    }
}
