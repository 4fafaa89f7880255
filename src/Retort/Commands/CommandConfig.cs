using Microsoft.Extensions.Logging;
using Retort.Connections;
using Retort.Environments;
using Retort.Runner;

namespace Retort.Commands;

/// <summary>
/// What <see cref="MigrationCommands"/> works on (Alembic's <c>Config</c>): the environment, the database, where
/// compiled revisions come from, and where it reports what it does.
/// </summary>
public sealed record CommandConfig
{
    /// <summary>
    /// The migrations environment (its <c>retort.json</c>, <c>.sql</c> revisions, options and URL), or null when the
    /// revisions come only from <see cref="CompiledRevisions"/>. <see cref="EnvironmentLocator"/> finds it as the tool does.
    /// </summary>
    public MigrationsEnvironment? Environment { get; init; }

    /// <summary>
    /// The database URL or connection string; null for the environment's. A relative SQLite path is taken as
    /// given (relative to the current directory); the environment's own URL is relative to its folder.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>
    /// The dialect to open <see cref="Url"/> (or the environment's URL) with, an instance of the application's own;
    /// null to find it by the URL's scheme in <see cref="Dialects.DialectRegistry"/>.
    /// </summary>
    public Dialects.Dialect? Dialect { get; init; }

    /// <summary>
    /// Opens the database instead of <see cref="Url"/>, for example on an application's data source
    /// (<see cref="Database.Open(System.Data.Common.DbDataSource, Retort.Dialects.Dialect)"/>); called once per command,
    /// which disposes what it returns. Null to open <see cref="Url"/>.
    /// </summary>
    public Func<Database>? OpenDatabase { get; init; }

    /// <summary>
    /// Where the compiled C# revisions come from; null when there are none (a SQL-only environment). An environment
    /// with a C# project needs one.
    /// </summary>
    public ICompiledRevisionsSource? CompiledRevisions { get; init; }

    /// <summary>Options of the migrator; null for the environment's config (or the defaults without one).</summary>
    public MigratorOptions? MigratorOptions { get; init; }

    /// <summary>
    /// The run's log, every category in one logger: warnings (lock waits, retries, steps left to run by hand), the
    /// revisions as they start at Information and the SQL at Debug. Ignored when <see cref="LoggerFactory"/> is set.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Where the run logs, one logger per category of <see cref="RetortLogCategories"/> (runner, SQL, lock, data), or
    /// null to use <see cref="Logger"/>.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Notes on slow or skipped work (a build starting, a wait for another command's lock), or null.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>
    /// Called with each <see cref="Migrator"/> a command creates, before it runs anything: subscribe to its events
    /// (<see cref="Migrator.RevisionStarting"/>, <see cref="Migrator.RevisionCompleted"/>,
    /// <see cref="Migrator.DataProgressReported"/>) to show progress.
    /// </summary>
    public Action<Migrator>? Observe { get; init; }

    /// <summary>Called after a successful online upgrade, downgrade, stamp or resolve with the database, for example to print its tables.</summary>
    public Func<Database, CancellationToken, Task>? AfterChange { get; init; }

    /// <summary>
    /// Lint rules allowed for every revision of an upgrade (<c>--allow RT012,RT020</c>); each finding is recorded in the
    /// history table with the reason "allowed on the command line". Upgrades always pass the lint gate.
    /// </summary>
    public IReadOnlyCollection<string> AllowRules { get; init; } = [];
}
