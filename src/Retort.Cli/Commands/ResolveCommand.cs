using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Revisions;

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
            await using var database = ctx.OpenDatabase();
            var migrator = await ctx.CreateMigratorAsync(database, ct);
            var id = ctx.Get(revision)!;
            if (ctx.Get(forget))
            {
                var forgotten = await migrator.ForgetPartialAsync(id, ct);
                ctx.Console.WriteLine($"Removed the progress rows of revision {forgotten}; nothing was run. The version table is unchanged.");
            }
            else
            {
                var view = new UpgradeView(ctx.Console, Step);
                view.Attach(migrator, ctx.Logger);
                var run = await view.RunAsync(() => ctx.Get(undo) ? migrator.UndoPartialAsync(id, ct) : migrator.FinishPartialAsync(id, ct));
                if (run.Skipped) ctx.Console.WriteLine($"Revision {run.Revision.Id} was settled by another run meanwhile.");
                else if (ctx.Get(undo)) ctx.Console.WriteLine($"Undid what revision {run.Revision.Id} had committed; it is no longer partly applied.");
            }
            var heads = await migrator.GetCurrentAsync(ct);
            ctx.Console.WriteLine("The database is at " + (heads.Count == 0 ? "base (no revision applied)." : string.Join(", ", heads.Select(h => RevisionText.Short(migrator.Revisions.Graph, h))) + "."));
            if (setup.Options.AfterChange is { } after) await after(database, setup.Out, ct);
        }));
        return command;
    }

    private static string Step(RevisionInfo info, bool up) =>
        up ? $"{RevisionText.Parents(info)} -> {info.Id}" : $"{info.Id} -> {RevisionText.Parents(info)}";
}
