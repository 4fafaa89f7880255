using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Retort.Autogenerate;
using Retort.Connections;
using Retort.Environments;
using Retort.Migrations;
using Retort.Runner;

namespace Retort.Commands;

/// <summary>
/// Retort's commands as a library (what Alembic's <c>command</c> module is): init, revision (with autogenerate),
/// upgrade, downgrade (online or as an offline script), current, history, heads, branches, merge, stamp, show,
/// check, accept and resolve, callable from any program. Each takes typed arguments and returns a typed result,
/// or throws a <see cref="RetortException"/> whose message is one paragraph saying what is wrong and what to do.
/// Nothing is printed: progress goes through <see cref="CommandConfig.Observe"/> (the migrator's events),
/// <see cref="CommandConfig.Logger"/> and <see cref="CommandConfig.Progress"/>. The <c>retort</c> tool is a skin
/// over this class.
/// </summary>
/// <example>
/// <code>
/// var commands = new MigrationCommands(new CommandConfig
/// {
///     Environment = EnvironmentLocator.Locate(Directory.GetCurrentDirectory()),
///     CompiledRevisions = CompiledRevisions.FromAssembly(typeof(Program).Assembly),
/// });
/// var result = await commands.UpgradeAsync("head");
/// </code>
/// </example>
public sealed partial class MigrationCommands
{
    private Task<Assembly?>? _compiled;

    /// <summary>Creates the commands for one configuration.</summary>
    public MigrationCommands(CommandConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    // A fleet's commands share the revisions loaded once and the lint reports of the paths its databases run.
    internal MigrationCommands(CommandConfig config, RevisionSet revisions, Runner.Linting.Internal.SharedLintReports lintReports) : this(config)
    {
        _revisions = revisions;
        _lintReports = lintReports;
    }

    private readonly RevisionSet? _revisions;
    private readonly Runner.Linting.Internal.SharedLintReports? _lintReports;

    internal Runner.Linting.Internal.SharedLintReports? LintReports => _lintReports;

    /// <summary>What the commands work on.</summary>
    public CommandConfig Config { get; }

    /// <summary>
    /// The assembly of compiled C# revisions from <see cref="CommandConfig.CompiledRevisions"/> (loaded once), or
    /// null when there is none.
    /// </summary>
    /// <exception cref="RevisionFileException">The environment's project does not build.</exception>
    public Task<Assembly?> LoadCompiledRevisionsAsync(CancellationToken cancellationToken = default) =>
        _compiled ??= Config.CompiledRevisions is { } source
            ? source.LoadAsync(Config.Environment, Config.Progress, cancellationToken)
            : Task.FromResult<Assembly?>(null);

    /// <summary>
    /// Every revision: the environment's <c>.sql</c> files and the compiled C# revisions.
    /// </summary>
    /// <exception cref="RetortException">There are no revisions to be had (no environment and no compiled revisions), or a C# environment's compiled revisions were not given.</exception>
    /// <exception cref="RevisionFileException">A revision file is malformed, or the project does not build.</exception>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = CompiledAssemblyKept)]
    public async Task<RevisionSet> LoadRevisionsAsync(CancellationToken cancellationToken = default)
    {
        if (_revisions is not null) return _revisions;
        var assembly = await LoadCompiledRevisionsAsync(cancellationToken);
        if (Config.Environment is not { } environment)
            return assembly is not null ? RevisionSet.FromAssemblies(assembly) : throw new RetortException(
                "No revisions to work with: give the commands a migrations environment (CommandConfig.Environment; " +
                "EnvironmentLocator finds one as the retort tool does) or compiled revisions (CommandConfig.CompiledRevisions).");
        if (environment.ProjectPath is not null && assembly is null) throw CompiledRevisionsMissing(environment);
        return environment.LoadRevisions(assembly);
    }

    /// <summary>
    /// The environment's target schema (its <see cref="ITargetSchema"/> class), for autogenerate and check.
    /// </summary>
    /// <exception cref="RetortException">The environment is SQL-only, or declares no (or several) target schemas.</exception>
[UnconditionalSuppressMessage("Trimming", "IL2026", Justification = CompiledAssemblyKept)]
    public async Task<ITargetSchema> LoadTargetSchemaAsync(CancellationToken cancellationToken = default)
    {
        var assembly = await LoadCompiledRevisionsAsync(cancellationToken);
        if (assembly is null && Config.Environment is { ProjectPath: not null } environment) throw CompiledRevisionsMissing(environment);
        if (assembly is null)
            throw new RetortException("This environment is SQL-only, so it has no C# target schema to compare with. " +
                "Autogenerate and check need a C# environment (retort init DIR) with a class implementing Retort.Autogenerate.ITargetSchema.");
        return TargetSchemaLocator.Find(assembly) ?? throw new RetortException(
            "The environment declares no target schema. Add a class implementing Retort.Autogenerate.ITargetSchema whose Build() " +
            "returns the MetaData the database should match (the analogue of Alembic's target_metadata).");
    }

    /// <summary>Opens the database: <see cref="CommandConfig.Url"/>, else the environment's URL.</summary>
    /// <exception cref="RetortException">No URL is given anywhere, or it is malformed.</exception>
    public Database OpenDatabase()
    {
        if (Config.OpenDatabase is { } open) return open();
        var url = Config.Environment?.ResolveUrl(Config.Url) ?? Config.Url ?? throw new RetortException(
            "No database given. Pass --url (for example --url sqlite:///app.db), set RETORT_URL, or put \"url\" in the environment's retort.json.");
        return Config.Dialect is { } dialect ? Database.Open(url, dialect) : Database.Open(url);
    }

    /// <summary>
    /// A migrator on <paramref name="database"/> with every revision and the options (the environment's, or
    /// <see cref="CommandConfig.MigratorOptions"/>); <paramref name="singleTransaction"/>, when given, overrides
    /// the single-transaction option. <see cref="CommandConfig.Observe"/> sees it before it is returned.
    /// </summary>
    public Task<Migrator> CreateMigratorAsync(Database database, bool? singleTransaction = null, CancellationToken cancellationToken = default) =>
        CreateMigratorAsync(database, singleTransaction, gate: false, cancellationToken);

    // With the gate, upgrades lint their plans first and refuse error findings not allowed (see Runner.Linting.LintGate).
    private async Task<Migrator> CreateMigratorAsync(Database database, bool? singleTransaction, bool gate, CancellationToken cancellationToken)
    {
        var revisions = await LoadRevisionsAsync(cancellationToken);
        var options = MigratorOptions();
        if (singleTransaction is { } single) options = options with { SingleTransaction = single };
        if (gate) options = options with { Lint = new Runner.Linting.LintGate { Allow = Config.AllowRules, Shared = _lintReports } };
        var migrator = NewMigrator(database, revisions, options);
        Config.Observe?.Invoke(migrator);
        return migrator;
    }

    /// <summary>A migrator logging to <see cref="CommandConfig.LoggerFactory"/>'s categories, else to <see cref="CommandConfig.Logger"/>.</summary>
    private Migrator NewMigrator(Database database, RevisionSet revisions, MigratorOptions options) =>
        Config.LoggerFactory is { } factory ? new Migrator(database, revisions, options, factory) : new Migrator(database, revisions, options, Config.Logger);

    /// <summary>The migrator's options: the ones given, else those the environment's config asks for, else the defaults.</summary>
    internal MigratorOptions MigratorOptions()
    {
        if (Config.MigratorOptions is { } given) return given;
        if (Config.Environment?.Config is not { } config) return new MigratorOptions();
        return new MigratorOptions
        {
            VersionTableSchema = string.IsNullOrWhiteSpace(config.VersionTableSchema) ? null : config.VersionTableSchema,
            DefaultSchema = string.IsNullOrWhiteSpace(config.DefaultSchema) ? null : config.DefaultSchema,
            SingleTransaction = config.SingleTransaction == true,
            Batching = config.Batching,
        };
    }

    // The compiled revisions' assembly comes from CompiledRevisions.FromAssembly, which warns a trimmed app to keep it
    // whole, or from an ICompiledRevisionsSource that loads it at run time (untrimmed, as the tool does).
    private const string CompiledAssemblyKept = "The assembly comes through CompiledRevisions.FromAssembly (RequiresUnreferencedCode) or is loaded at run time.";

    private static RetortException CompiledRevisionsMissing(MigrationsEnvironment environment) => new(
        $"The environment {environment.ConfigPath} compiles C# revisions ({environment.ProjectPath}), but none were given: " +
        "pass the compiled assembly (CommandConfig.CompiledRevisions = CompiledRevisions.FromAssembly(...)), or run the command with the retort tool, which builds the project.");

    private MigrationsEnvironment RequireEnvironment(string doing) => Config.Environment ?? throw new RetortException(
        $"{doing} needs a migrations environment (a folder with retort.json), and none was given. " +
        "Create one with 'retort init DIR' and pass it as CommandConfig.Environment.");

    private Action<string>? Log => Config.Progress is { } progress ? progress.Report : null;
}
