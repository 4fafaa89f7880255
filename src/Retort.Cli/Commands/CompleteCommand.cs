using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort complete [REVISION]</c> and <c>retort abort [REVISION]</c>: the contract phase of an expanded revision
/// (once no application uses the old version), or the undoing of its expand.
/// </summary>
internal static class CompleteCommand
{
    public static Command Create(CliSetup setup, bool complete)
    {
        var revision = new Argument<string?>("revision")
        {
            Description = complete
                ? "The expanded revision to complete (id, prefix or label); every revision waiting when left out."
                : "The revision whose expand to undo (id, prefix or label); the only one there is when left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(complete ? "complete" : "abort", complete
            ? "Complete expanded online operations: drop the old version's columns, triggers and views (run once no application uses the old version)."
            : "Undo the expand of online operations (finished or stopped part way), keeping everything either version wrote.") { revision };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var commands = ctx.Commands();
            var result = complete ? await commands.CompleteAsync(ctx.Get(revision), ct) : await commands.AbortAsync(ctx.Get(revision), ct);
            var graph = result.Revisions.Graph;
            foreach (var run in result.Runs)
                ctx.Console.WriteLine(run.Skipped
                    ? $"{RevisionText.Short(graph, run.Revision)}: another run did the {result.Phase} meanwhile."
                    : complete
                        ? $"Completed {RevisionText.Short(graph, run.Revision)} in {run.Duration.TotalSeconds:0.00} s: the old version is gone, the tables have their final shape."
                        : $"Aborted the expand of {RevisionText.Short(graph, run.Revision)} in {run.Duration.TotalSeconds:0.00} s: the database is back at " +
                          (result.Heads.Count == 0 ? "base" : string.Join(", ", result.Heads.Select(h => RevisionText.Short(graph, h)))) + ", with every row either version wrote.");
            foreach (var waiting in result.Waiting)
                ctx.Console.WriteLine($"{waiting.Revision.Id} still waits for complete.");
            await ctx.WriteAfterChangeAsync(ct);
        }));
        return command;
    }
}
