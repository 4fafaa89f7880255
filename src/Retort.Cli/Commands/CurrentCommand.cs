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
            await using var database = ctx.OpenDatabase();
            var migrator = await ctx.CreateMigratorAsync(database, ct);
            if (database.OpeningCreatesDatabase)
            {
                // Reading it would create an empty file: a mistyped path must not leave one behind.
                ctx.Console.WriteLine($"base (no revision applied: {database.DisplayName} does not exist; nothing was created)");
                return;
            }
            var heads = await migrator.GetCurrentAsync(ct);
            if (ctx.Verbose) ctx.Console.WriteLine($"Current revision(s) for {database.DisplayName}:");
            if (heads.Count == 0) ctx.Console.WriteLine("base (no revision applied)");
            foreach (var head in heads)
            {
                if (ctx.Verbose) RevisionText.Detail(ctx.Console, migrator.Revisions, head);
                else ctx.Console.WriteLine(RevisionText.Short(migrator.Revisions.Graph, head));
            }
            foreach (var revision in (await migrator.GetInProgressAsync(ct)).GroupBy(p => p.Revision))
            {
                var id = revision.Key;
                var known = migrator.Revisions.Graph.TryGet(id, out _);
                var undoing = revision.Select(p => p.Direction).Distinct().Count() > 1;
                foreach (var partial in revision.GroupBy(p => p.Direction))
                {
                    var data = partial.Where(p => p.RowsDone > 0 || !p.Finished).ToList();
                    var rows = data.Sum(p => p.RowsDone);
                    var next = !known
                        ? $"no revision file defines it: restore the file, or undo what it did by hand and run 'retort resolve {id} --forget'"
                        : undoing
                            ? $"an undo of it stopped part way: run 'retort resolve {id} --undo' to finish the undo"
                            : $"run {partial.Key} again or 'retort resolve {id} --finish' to resume, 'retort resolve {id} --undo' to undo it";
                    ctx.Console.WriteLine($"{id} (in progress: {partial.Key} partly applied, {partial.Count(p => p.Finished)} step(s) done" +
                        (data.Count > 0 ? $", {rows:N0} rows checkpointed" : "") + $"; {next})");
                }
            }
            await StateReport.WarnAsync(ctx, migrator, ct);
        }));
        return command;
    }
}
