using System.CommandLine;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary><c>retort current [-v]</c>: the revisions the database is at.</summary>
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
        }));
        return command;
    }
}
