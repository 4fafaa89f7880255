using Retort.Autogenerate;
using System.CommandLine;
using System.Reflection;
using Retort.Connections;
using Retort.Environments;
using Retort.Migrations;
using Retort.Runner;
using Spectre.Console;

namespace Retort.Cli.Internal;

/// <summary>One command's run: its parsed arguments, its console, and lazily its environment, revisions and database.</summary>
internal sealed class CliContext
{
    private MigrationsEnvironment? _environment;
    private bool _environmentLooked;

    public CliContext(CliSetup setup, ParseResult parseResult)
    {
        Setup = setup;
        ParseResult = parseResult;
        Verbose = parseResult.GetValue(setup.Common.Verbose);
        Console = ConsoleFactory.Create(setup.Out, setup.Options.Out is null && !System.Console.IsOutputRedirected);
        Logger = new CliLogger(setup.Error, Verbose);
    }

    public CliSetup Setup { get; }

    public ParseResult ParseResult { get; }

    public bool Verbose { get; }

    public IAnsiConsole Console { get; }

    /// <summary>The run's log on standard error: warnings always, SQL and other information with --verbose.</summary>
    public CliLogger Logger { get; }

    /// <summary>What a failed or cancelled command leaves behind, printed after its error message; null when nothing to add.</summary>
    public string? Aftermath { get; set; }

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);

    /// <summary>The environment, or null when there is none and the revisions come from an assembly.</summary>
    public MigrationsEnvironment? TryEnvironment()
    {
        if (_environmentLooked) return _environment;
        _environmentLooked = true;
        var config = Get(Setup.Common.Config);
        if (config is not null)
            return _environment = MigrationsEnvironment.Open(Path.GetFullPath(config, Setup.WorkingDirectory));
        var assembly = Setup.Options.RevisionsAssembly;
        var built = assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RetortEnvironmentDirectory")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, EnvironmentConfig.FileName)))
            return _environment = MigrationsEnvironment.Open(Path.Combine(built, EnvironmentConfig.FileName));
        _environment = MigrationsEnvironment.Find(Setup.WorkingDirectory);
        if (_environment is null && assembly is not null && File.Exists(Path.Combine(AppContext.BaseDirectory, EnvironmentConfig.FileName)))
            _environment = MigrationsEnvironment.Open(Path.Combine(AppContext.BaseDirectory, EnvironmentConfig.FileName));
        return _environment;
    }

    public MigrationsEnvironment Environment() => TryEnvironment() ?? throw new RetortException(
        $"No {EnvironmentConfig.FileName} found in {Setup.WorkingDirectory} or any parent folder. " +
        "Create a migrations environment with 'retort init DIR' and run the command inside it, or pass --config.");

    public async Task<RevisionSet> LoadRevisionsAsync(CancellationToken ct)
    {
        var assembly = Setup.Options.RevisionsAssembly;
        var environment = assembly is null ? Environment() : TryEnvironment();
        if (environment is null) return RevisionSet.FromAssemblies(assembly!);
        if (assembly is null) HandOverIfNeeded(environment);
        return await environment.LoadRevisionsAsync(assembly, Log, ct);
    }

    /// <summary>The environment's compiled assembly (built when stale), or null for a SQL-only environment.</summary>
    public async Task<System.Reflection.Assembly?> LoadAssemblyAsync(CancellationToken ct)
    {
        if (Setup.Options.RevisionsAssembly is { } assembly) return assembly;
        if (TryEnvironment() is not { } environment) return null;
        HandOverIfNeeded(environment);
        return await environment.LoadAssemblyAsync(Log, ct);
    }

    /// <summary>Prints a progress line (a build starting) in grey.</summary>
    public void Log(string message) => Console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");

    // A native tool cannot load the C# environment: its own program runs the command instead.
    private static void HandOverIfNeeded(MigrationsEnvironment environment)
    {
        if (!EnvironmentProgram.CanLoadAssemblies && environment.ProjectPath is not null) throw new EnvironmentProgram.HandOver(environment);
    }

    /// <summary>
    /// The environment's target schema (its <see cref="ITargetSchema"/> class), for autogenerate and check.
    /// </summary>
    public async Task<ITargetSchema> LoadTargetSchemaAsync(CancellationToken ct)
    {
        var assembly = await LoadAssemblyAsync(ct)
            ?? throw new RetortException("This environment is SQL-only, so it has no C# target schema to compare with. " +
                "Autogenerate and check need a C# environment (retort init DIR) with a class implementing Retort.Autogenerate.ITargetSchema.");
        return TargetSchemaLocator.Find(assembly) ?? throw new RetortException(
            "The environment declares no target schema. Add a class implementing Retort.Autogenerate.ITargetSchema whose Build() " +
            "returns the MetaData the database should match (the analogue of Alembic's target_metadata).");
    }

    /// <summary>The database: --url, else RETORT_URL, else the config file.</summary>
    public Database OpenDatabase()
    {
        var explicitUrl = Get(Setup.Common.Url) ?? NonEmpty(Setup.GetEnvironmentVariable("RETORT_URL"));
        if (explicitUrl is not null) explicitUrl = DatabaseUrls.Anchor(explicitUrl, Setup.WorkingDirectory);
        var url = TryEnvironment()?.ResolveUrl(explicitUrl) ?? explicitUrl ?? throw new RetortException(
            "No database given. Pass --url (for example --url sqlite:///app.db), set RETORT_URL, or put \"url\" in the environment's retort.json.");
        return Database.Open(url);
    }

    /// <summary>
    /// A migrator with the revisions and the config's options (version table schema, default schema, single
    /// transaction); <paramref name="singleTransaction"/>, when given, overrides the config's single transaction.
    /// </summary>
    public async Task<Migrator> CreateMigratorAsync(Database database, CancellationToken ct, bool? singleTransaction = null)
    {
        var revisions = await LoadRevisionsAsync(ct);
        var options = TryEnvironment()?.Config.ToMigratorOptions() ?? new MigratorOptions();
        if (singleTransaction is { } single) options = options with { SingleTransaction = single };
        return new(database, revisions, options, Logger);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
