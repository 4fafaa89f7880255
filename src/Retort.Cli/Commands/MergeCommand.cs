using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Environments;
using Retort.Revisions;
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
            var environment = ctx.Environment();
            // One new revision at a time in this environment: read the heads and write the file under the lock.
            await using var revisionLock = await environment.LockForNewRevisionAsync(ctx.Log, ct);
            var set = await ctx.LoadRevisionsAsync(ct);
            var parents = ctx.Get(revisions)!.SelectMany(r => set.Graph.ResolveUpgradeTarget(r, []).Revisions).Distinct().ToList();
            if (parents.Count < 2)
                throw new RevisionGraphException($"Nothing to merge: '{string.Join(' ', ctx.Get(revisions)!)}' names {(parents.Count == 0 ? "no revision" : "only " + parents[0])}. Give two or more revisions, or 'heads' when there are several heads.");
            var (path, info) = environment.CreateRevision(set, new NewRevisionRequest
            {
                Message = ctx.Get(message)!,
                RevisionId = ctx.Get(revId),
                Heads = parents,
                Splice = true,
                BranchLabels = ctx.Get(label) ?? [],
                Format = RevisionCommand.ParseFormat(ctx.Get(format)),
            });
            ctx.Console.MarkupLine($"  Generating [bold]{Markup.Escape(path)}[/] ... done");
            ctx.Console.WriteLine($"Merge revision {info.Id} joins {string.Join(", ", info.DownRevisions)}.");
        }));
        return command;
    }
}
