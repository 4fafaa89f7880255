using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary><c>retort accept REV... | --all</c>: accept edits of applied revisions (Flyway's <c>repair</c>, for checksums).</summary>
internal static class AcceptCommand
{
    public static Command Create(CliSetup setup)
    {
        var revisions = new Argument<string[]>("revision")
        {
            Description = "Edited revision(s) to accept: ids or unique prefixes.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Accept every edited revision." };
        var command = new Command("accept",
            "Accept edits of revisions that were applied already: record their current checksum, so upgrade runs again. " +
            "Nothing else changes; make whatever the edit needs in the database first.") { revisions, all };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var named = ctx.Get(revisions) ?? [];
            if (named.Length == 0 && !ctx.Get(all))
                throw new RetortException("Name the edited revision(s) to accept (retort accept REV...), or pass --all to accept every edited revision. " +
                    "'retort current' lists the edited ones.");
            if (named.Length > 0 && ctx.Get(all))
                throw new RetortException("Pass either revision ids or --all, not both.");
            var result = await ctx.Commands().AcceptAsync(named.Length == 0 ? null : named, ct);
            if (result.Accepted.Count == 0) ctx.Console.WriteLine("Nothing to accept: no applied revision was edited.");
            foreach (var e in result.Accepted)
                ctx.Console.WriteLine($"Accepted the edit of {e.Revision} ({e.Source}): its current checksum is recorded as applied.");
        }));
        return command;
    }
}
