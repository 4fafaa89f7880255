using System.CommandLine;
using Retort.Cli.Environments;
using Retort.Commands;
using Retort.Environments;
using Retort.Runner;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>One command's run: its parsed arguments, its console, and lazily its environment and the commands on it.</summary>
internal sealed class CliContext
{
    private MigrationsEnvironment? _environment;
    private bool _environmentLooked;

    public CliContext(CliSetup setup, ParseResult parseResult)
    {
        Setup = setup;
        ParseResult = parseResult;
        Verbose = parseResult.GetValue(setup.Common.Verbose);
        Json = parseResult.CommandResult.Command.Options.Any(o => o.Name == "--json") && parseResult.GetValue<bool>("--json");
        Console = ConsoleFactory.Create(setup.Out, setup.Options.Out is null && !System.Console.IsOutputRedirected,
            noColor: !string.IsNullOrEmpty(setup.GetEnvironmentVariable("NO_COLOR")));
        Logger = new CliLogger(setup.Error, Verbose);
    }

    public CliSetup Setup { get; }

    public ParseResult ParseResult { get; }

    public bool Verbose { get; }

    /// <summary>True with <c>--json</c>: standard output holds only JSON, so progress lines go to standard error.</summary>
    public bool Json { get; }

    public IAnsiConsole Console { get; }

    /// <summary>The run's log on standard error: warnings always, SQL and other information with --verbose.</summary>
    public CliLogger Logger { get; }

    /// <summary>What a failed or cancelled command leaves behind, printed after its error message; null when nothing to add.</summary>
    public string? Aftermath { get; set; }

    /// <summary>What <see cref="RetortCommandLineOptions.AfterChange"/> printed, shown after the command's own lines.</summary>
    private StringWriter? _afterChange;

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>The environment (--config, the program's build folder, the working folder and its parents), or null.</summary>
    public MigrationsEnvironment? TryEnvironment()
    {
        if (_environmentLooked) return _environment;
        _environmentLooked = true;
        return _environment = EnvironmentLocator.Locate(Setup.WorkingDirectory, Get(Setup.Common.Config), Setup.Options.RevisionsAssembly);
    }

    public MigrationsEnvironment Environment() => TryEnvironment() ?? throw EnvironmentLocator.NotFound(Setup.WorkingDirectory);

    /// <summary>
    /// The commands on this run's environment and database (--url, else RETORT_URL, else the config file), with its
    /// log; <paramref name="observe"/> sees each migrator before it runs (to show progress).
    /// </summary>
    public MigrationCommands Commands(Action<Migrator>? observe = null)
    {
        var explicitUrl = Get(Setup.Common.Url) ?? NonEmpty(Setup.GetEnvironmentVariable("RETORT_URL"));
        if (explicitUrl is not null) explicitUrl = DatabaseUrls.Anchor(explicitUrl, Setup.WorkingDirectory);
        var after = Setup.Options.AfterChange;
        return new MigrationCommands(new CommandConfig
        {
            Environment = TryEnvironment(),
            Url = explicitUrl,
            CompiledRevisions = Setup.Options.RevisionsAssembly is { } assembly
                ? CompiledRevisions.FromAssembly(assembly)
                : new ProjectRevisionsSource(Setup.WorkingDirectory),
            Logger = Logger,
            Progress = new LogProgress(this),
            Observe = observe,
            AfterChange = after is null ? null : (database, ct) => after(database, _afterChange ??= new StringWriter(), ct),
        });
    }

    /// <summary>Writes what <see cref="RetortCommandLineOptions.AfterChange"/> printed, after the command's own lines.</summary>
    public async Task WriteAfterChangeAsync(CancellationToken ct)
    {
        if (_afterChange is null) return;
        await Setup.Out.WriteAsync(_afterChange.ToString());
        await Setup.Out.FlushAsync(ct);
    }

    /// <summary>Prints a progress line (a build starting) in grey.</summary>
    public void Log(string message)
    {
        if (Json) Logger.Write(message);
        else Console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    // Reported at once, on the command's own thread: a line in order with the command's output.
    private sealed class LogProgress(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Log(value);
    }
}
