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
        var unknown = UnknownOptions(result, args);
        if ((result.Errors.Count > 0 || unknown.Count > 0) && result.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in result.Errors) await setup.Error.WriteLineAsync("error: " + error.Message);
            foreach (var option in unknown) await setup.Error.WriteLineAsync($"error: Unrecognized option '{option}'.");
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

    /// <summary>
    /// Positional arguments that look like options (<c>--name</c>, <c>-x</c>): the parser hands a word it does not know
    /// as an option to an argument that accepts any text, so <c>init --no-such-option</c> would make a folder of that name
    /// and <c>stamp head --jsn</c> would stamp a revision named <c>--jsn</c>. Relative targets (<c>-1</c>) are arguments,
    /// and so is anything after <c>--</c>.
    /// </summary>
    private static List<string> UnknownOptions(ParseResult result, string[] args)
    {
        if (args.Contains("--")) return [];
        return result.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value)
            .Where(v => (v.StartsWith("--", StringComparison.Ordinal) && v.Length > 2) || (v.Length > 1 && v[0] == '-' && char.IsLetter(v[1])))
            .ToList();
    }

    private static IEnumerable<string> CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var r = result.CommandResult; r is not null && r.Parent is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }

    private static Command BuildRoot(CliSetup setup)
    {
        // Named 'retort' whatever runs it: a RootCommand takes the executable's name, which for the installed tool is
        // its assembly's (Retort.Tool), and help and errors would say that.
        var root = new Command("retort", "Retort: schema and data migrations for .NET (Alembic's commands).") { new System.CommandLine.Help.HelpOption(), new VersionOption() };
        foreach (var option in setup.Common.All) root.Options.Add(option);
        foreach (var command in new[]
        {
            InitCommand.Create(setup), RevisionCommand.Create(setup), UpgradeCommand.Create(setup, up: true),
            UpgradeCommand.Create(setup, up: false), CurrentCommand.Create(setup), HistoryCommand.Create(setup),
            HeadsCommand.Create(setup), BranchesCommand.Create(setup), MergeCommand.Create(setup),
            StampCommand.Create(setup), AcceptCommand.Create(setup), ShowCommand.Create(setup), CheckCommand.Create(setup),
            TestCommand.Create(setup), ResolveCommand.Create(setup), LintCommand.Create(setup),
            GraphCommand.Create(setup), ReportCommand.Create(setup), BundleCommand.Create(setup),
            CompleteCommand.Create(setup, complete: true), CompleteCommand.Create(setup, complete: false),
            FleetCommand.Create(setup),
        })
            root.Subcommands.Add(command);
        return root;
    }
}
