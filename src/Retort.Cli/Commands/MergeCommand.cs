using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Commands;
using Spectre.Console;

namespace Retort.Cli.Commands;

/// <summary><c>retort merge REVS -m MSG</c>: a revision whose parents are the given revisions.</summary>
internal static class MergeCommand
{
    public static Command Create(CliSetup setup)
    {
        var revisions = new Argument<string[]>("revisions") { Description = "Revisions to join: 'heads', or two or more ids or labels.", Arity = ArgumentArity.OneOrMore };
        var message = RevisionCommand.Message();
        var revId = RevisionCommand.RevId();
        var label = RevisionCommand.BranchLabel();
        var format = RevisionCommand.Format();
        var command = new Command("merge", "Create a merge revision joining two or more revisions.") { revisions, message, revId, label, format };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            ctx.Environment();
            var result = await ctx.Commands().MergeAsync(new MergeArguments
            {
                Revisions = ctx.Get(revisions)!,
                Message = ctx.Get(message)!,
                RevisionId = ctx.Get(revId),
                BranchLabels = ctx.Get(label) ?? [],
                Format = RevisionCommand.ParseFormat(ctx.Get(format)),
            }, ct);
            ctx.Console.MarkupLine($"  Generating [bold]{Markup.Escape(result.Path!)}[/] ... done");
            ctx.Console.WriteLine($"Merge revision {result.Revision!.Id} joins {string.Join(", ", result.Revision.DownRevisions)}.");
        }));
        return command;
    }
}
