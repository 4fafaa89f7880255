using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Commands;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort resolve REV --finish|--undo|--forget</c>: settle a partly applied revision (a data step or a step
/// outside the transaction committed, then the run stopped) by finishing it, undoing it, or forgetting its record
/// once the database was repaired by hand (Flyway's <c>repair</c>).
/// </summary>
internal static class ResolveCommand
{
    public static Command Create(CliSetup setup)
    {
        var revision = new Argument<string>("revision") { Description = "The partly applied revision (an id or a unique prefix; 'retort current' lists them)." };
        var finish = new Option<bool>("--finish") { Description = "Run the rest of the upgrade (or downgrade) that stopped, from its checkpoints, and record the revision." };
        var undo = new Option<bool>("--undo") { Description = "Run the revision's other direction (its downgrade, for a stopped upgrade) and leave the version table where it was before." };
        var forget = new Option<bool>("--forget") { Description = "Remove the revision's progress rows without running anything, after repairing the database by hand." };
        var command = new Command("resolve", "Finish, undo or forget a partly applied revision.") { revision, finish, undo, forget };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var chosen = new[] { ctx.Get(finish), ctx.Get(undo), ctx.Get(forget) }.Count(b => b);
            if (chosen != 1)
                throw new RetortException("Say what to do with the partly applied revision: exactly one of --finish (run the rest of it), --undo (run its " +
                    "other direction) or --forget (remove its progress rows after repairing the database by hand).");
            var action = ctx.Get(forget) ? ResolveAction.Forget : ctx.Get(undo) ? ResolveAction.Undo : ResolveAction.Finish;
            var view = new UpgradeView(ctx.Console, UpgradeCommand.Step);
            var commands = ctx.Commands(migrator => { if (action != ResolveAction.Forget) view.Attach(migrator, ctx.Logger); });
            var result = action == ResolveAction.Forget
                ? await commands.ResolveAsync(ctx.Get(revision)!, action, ct)
                : await view.RunAsync(() => commands.ResolveAsync(ctx.Get(revision)!, action, ct));
            if (action == ResolveAction.Forget)
                ctx.Console.WriteLine($"Removed the progress rows of revision {result.Revision}; nothing was run. The version table is unchanged.");
            else if (result.Run!.Skipped) ctx.Console.WriteLine($"Revision {result.Revision} was settled by another run meanwhile.");
            else if (action == ResolveAction.Undo) ctx.Console.WriteLine($"Undid what revision {result.Revision} had committed; it is no longer partly applied.");
            ctx.Console.WriteLine("The database is at " + (result.Heads.Count == 0 ? "base (no revision applied)." : string.Join(", ", result.Heads.Select(h => RevisionText.Short(result.Revisions.Graph, h))) + "."));
            await ctx.WriteAfterChangeAsync(ct);
        }));
        return command;
    }
}
