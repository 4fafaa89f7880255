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
            await using var database = ctx.OpenDatabase();
            var migrator = await ctx.CreateMigratorAsync(database, ct);
            var heads = await migrator.StampAsync(ctx.Get(target)!, ctx.Get(purge), ct);
            ctx.Console.WriteLine(heads.Count == 0
                ? "Stamped base: no revision is recorded as applied."
                : "Stamped " + string.Join(", ", heads.Select(h => RevisionText.Short(migrator.Revisions.Graph, h))) + ".");
            if (setup.Options.AfterChange is { } after) await after(database, setup.Out, ct);
        }));
        return command;
    }
}
