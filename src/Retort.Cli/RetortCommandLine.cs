using System.CommandLine;
using System.Reflection;
using Retort.Cli.Commands;
using Retort.Cli.Environments;
using Retort.Cli.Internal;

namespace Retort.Cli;

/// <summary>
/// The <c>retort</c> command line as a library: the tool calls it, and so does a migrations environment's own
/// <c>Program.cs</c> (<c>return await RetortCommandLine.RunAsync(args, typeof(Program).Assembly);</c>), so a deploy
/// job can run <c>dotnet run -- upgrade head</c> without the tool.
/// </summary>
public static class RetortCommandLine
{
    /// <summary>Exit code of a successful command.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a command that failed (bad target, broken revision, unreachable database, …).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a command line that does not parse (unknown command or option, missing argument).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a command cancelled by Ctrl-C (SIGINT) or SIGTERM: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Runs one command on the console.</summary>
    /// <param name="args">The arguments, as typed after <c>retort</c>.</param>
    /// <param name="revisionsAssembly">The assembly holding C# revisions, or null to find and build the environment's project.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, Assembly? revisionsAssembly = null) =>
        RunAsync(args, new RetortCommandLineOptions { RevisionsAssembly = revisionsAssembly });

    /// <summary>Runs one command with explicit output writers, working directory and environment.</summary>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, RetortCommandLineOptions options, CancellationToken cancellationToken = default)
    {
        // A command handed over by a natively compiled retort stops when that retort is gone.
        using var parent = ParentWatch.Start();
        var setup = new CliSetup(options, args);
        var root = BuildRoot(setup);
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in result.Errors) await setup.Error.WriteLineAsync("error: " + error.Message);
            await setup.Error.WriteLineAsync($"Run 'retort {string.Join(' ', CommandPath(result))} --help' for usage.".Replace("  ", " "));
            return UsageError;
        }
        return await result.InvokeAsync(new InvocationConfiguration
        {
            Output = setup.Out,
            Error = setup.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C cancels the command's token; a data step then stops after its current batch, which needs a moment.
            ProcessTerminationTimeout = TimeSpan.FromMinutes(1),
        }, cancellationToken);
    }

    private static IEnumerable<string> CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var r = result.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }

    private static RootCommand BuildRoot(CliSetup setup)
    {
        var root = new RootCommand("Retort: schema and data migrations for .NET (Alembic's commands).");
        foreach (var option in setup.Common.All) root.Options.Add(option);
        foreach (var command in new[]
        {
            InitCommand.Create(setup), RevisionCommand.Create(setup), UpgradeCommand.Create(setup, up: true),
            UpgradeCommand.Create(setup, up: false), CurrentCommand.Create(setup), HistoryCommand.Create(setup),
            HeadsCommand.Create(setup), BranchesCommand.Create(setup), MergeCommand.Create(setup),
            StampCommand.Create(setup), AcceptCommand.Create(setup), ShowCommand.Create(setup), CheckCommand.Create(setup),
            TestCommand.Create(setup), ResolveCommand.Create(setup), LintCommand.Create(setup),
            CompleteCommand.Create(setup, complete: true), CompleteCommand.Create(setup, complete: false),
        })
            root.Subcommands.Add(command);
        return root;
    }
}
