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
            var heads = await migrator.GetCurrentAsync(ct);
            if (ctx.Verbose) ctx.Console.WriteLine($"Current revision(s) for {database.DisplayName}:");
            if (heads.Count == 0) ctx.Console.WriteLine("base (no revision applied)");
            foreach (var head in heads)
            {
                if (ctx.Verbose) RevisionText.Detail(ctx.Console, migrator.Revisions, head);
                else ctx.Console.WriteLine(RevisionText.Short(migrator.Revisions.Graph, head));
            }
            foreach (var partial in (await migrator.GetInProgressAsync(ct)).GroupBy(p => (p.Revision, p.Direction)))
            {
                var data = partial.Where(p => p.RowsDone > 0 || !p.Finished).ToList();
                var rows = data.Sum(p => p.RowsDone);
                ctx.Console.WriteLine($"{partial.Key.Revision} (in progress: {partial.Key.Direction} partly applied, {partial.Count(p => p.Finished)} step(s) done" +
                    (data.Count > 0 ? $", {rows:N0} rows checkpointed" : "") + $"; run {partial.Key.Direction} again to resume)");
            }
            await StateReport.WarnAsync(ctx, migrator, ct);
        }));
        return command;
    }
}
