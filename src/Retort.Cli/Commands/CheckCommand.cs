using System.CommandLine;
using Retort.Cli.Internal;
using Retort.Cli.Json;
using Retort.Commands;

namespace Retort.Cli.Commands;

/// <summary>
/// <c>retort check [--json]</c>: exit 0 when the database is at the heads, matches the target schema, and its version
/// table and applied revisions are as upgrade expects them (no edited revision); 1 with every problem found otherwise;
/// 2 when it could not check (no target schema, a database that does not exist or cannot be reached, a bad config).
/// </summary>
internal static class CheckCommand
{
    /// <summary>Exit code when the check ran and found the database wrong (drift).</summary>
    public const int Drift = 1;

    /// <summary>Exit code when it could not check.</summary>
    public const int CouldNotCheck = 2;

    public static Command Create(CliSetup setup)
    {
        var json = JsonOutput.Option("the outcome and every problem found");
        var command = new Command("check", "Compare the database with the environment's target schema and validate its applied revisions; exit 1 when they " +
            "differ, the database is not up to date or a revision was edited, 2 when it could not check (for CI).") { json };
        command.SetAction(setup.Action(async (ctx, ct) =>
        {
            CheckResult result;
            try { result = await ctx.Commands().CheckAsync(cancellationToken: ct); }
            catch (CheckFailedException e)
            {
                if (ctx.Json) await JsonOutput.WriteAsync(setup, JsonOutput.Check(e), CliJsonContext.Default.CheckJson, ct);
                await setup.Error.WriteLineAsync("error: " + e.Message);
                return Drift;
            }
            if (ctx.Json) await JsonOutput.WriteAsync(setup, JsonOutput.Check(result), CliJsonContext.Default.CheckJson, ct);
            else ctx.Console.WriteLine("No differences: the database matches the target schema.");
            return RetortCommandLine.Success;
        }, CouldNotCheck));
        return command;
    }
}
