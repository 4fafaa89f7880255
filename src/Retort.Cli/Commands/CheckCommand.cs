using System.CommandLine;
using Retort.Autogenerate;
using Retort.Cli.Internal;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort check</c>: exit 0 when the database matches the target schema and its version table and applied revisions
/// are as upgrade expects them (no edited revision); 1 with every problem found otherwise.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliSetup setup)
    {
        var command = new Command("check", "Compare the database with the environment's target schema and validate its applied revisions; exit 1 when they differ or a revision was edited (for CI).");
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            var target = await ctx.LoadTargetSchemaAsync(ct);
            await using var database = ctx.OpenDatabase();
            if (database.OpeningCreatesDatabase)
                throw new RetortException($"The database {database.DisplayName} does not exist, so it cannot match the target schema; nothing was created. " +
                    "Check the URL, or create the database with 'retort upgrade head'.");
            // What upgrade would refuse (a version table that contradicts the history, edited revisions) fails the check too.
            var problem = await StateReport.ProblemAsync(await ctx.CreateMigratorAsync(database, ct), ct);
            var diff = await Autogenerator.CompareAsync(database, target.Build(), target.Options, ct);
            if (!diff.IsEmpty)
                throw new RetortException((problem is null ? "" : problem + "\n") +
                    $"The database differs from the target schema in {diff.Operations.Count} way(s):\n{diff.Describe()}\n" +
                    "Generate a revision with 'retort revision --autogenerate -m MSG' and upgrade, or change the target schema.");
            if (problem is not null) throw new RetortException(problem);
            ctx.Console.WriteLine("No differences: the database matches the target schema.");
        }));
        return command;
    }
}
