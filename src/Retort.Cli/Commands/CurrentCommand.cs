using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort current [-v]</c>: the revisions the database is at, with a warning when the version table contradicts the
/// history or an applied revision was edited (what <c>upgrade</c> would refuse).
/// </summary>
internal static class CurrentCommand
{
    public static Command Create(CliSetup setup)
    {
        var command = new Command("current", "Show the revision(s) the database is at.");
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var result = await ctx.Commands().CurrentAsync(ct);
            if (!result.DatabaseExists)
            {
                ctx.Console.WriteLine($"base (no revision applied: {result.Database} does not exist; nothing was created)");
                return;
            }
            if (ctx.Verbose) ctx.Console.WriteLine($"Current revision(s) for {result.Database}:");
            if (result.Heads.Count == 0) ctx.Console.WriteLine("base (no revision applied)");
            foreach (var head in result.Heads)
            {
                if (ctx.Verbose) RevisionText.Detail(ctx.Console, result.Revisions, head);
                else ctx.Console.WriteLine(RevisionText.Short(result.Revisions.Graph, head));
            }
            foreach (var partial in result.InProgress)
            {
                var id = partial.Revision;
                var next = !partial.Known
                    ? $"no revision file defines it: restore the file, or undo what it did by hand and run 'retort resolve {id} --forget'"
                    : partial.Undoing
                        ? $"an undo of it stopped part way: run 'retort resolve {id} --undo' to finish the undo"
                        : $"run {partial.Direction} again or 'retort resolve {id} --finish' to resume, 'retort resolve {id} --undo' to undo it";
                ctx.Console.WriteLine($"{id} (in progress: {partial.Direction} partly applied, {partial.StepsDone} step(s) done" +
                    (partial.DataSteps > 0 ? $", {partial.RowsCheckpointed:N0} rows checkpointed" : "") + $"; {next})");
            }
            foreach (var waiting in result.Waiting)
                ctx.Console.WriteLine($"{waiting.Revision.Id} (expanded, waiting for complete: the old version's views are in " +
                    $"{string.Join(", ", waiting.OldVersionSchemas)}, the new version's in {string.Join(", ", waiting.NewVersionSchemas)}; " +
                    $"run 'retort complete {waiting.Revision.Id}' once no application uses the old version, or 'retort abort {waiting.Revision.Id}')");
            await StateReport.WarnAsync(ctx, result.Problem, ct);
        }));
        return command;
    }
}
