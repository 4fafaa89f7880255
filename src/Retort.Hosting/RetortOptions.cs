using Retort.Operations;

namespace Retort.Hosting;

/// <summary>
/// Retort's settings in a host, bound from the configuration section <c>Retort</c> (appsettings.json, environment
/// variables such as <c>Retort__Url</c>) and validated when the host starts.
/// </summary>
/// <example>
/// <code>
/// "Retort": {
///   "ConnectionStringName": "App",
///   "Environment": "Migrations",
///   "MigrateOnStart": true,
///   "LockTimeout": "00:02:00",
///   "Batching": { "BatchSize": 5000, "PauseBetweenBatches": "00:00:00.050" }
/// }
/// </code>
/// </example>
public sealed class RetortOptions
{
    /// <summary>The default configuration section.</summary>
    public const string SectionName = "Retort";

    /// <summary>
    /// The database as a URL (<c>sqlite:///app.db</c>, <c>postgresql://app@db/app</c>) or an ADO.NET connection string
    /// (with <see cref="Dialect"/>, or starting with <c>Dialect=name;</c>). Null to use <see cref="ConnectionStringName"/>
    /// or the environment's <c>retort.json</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>The name of a connection string in the <c>ConnectionStrings</c> section, used instead of <see cref="Url"/>.</summary>
    public string? ConnectionStringName { get; set; }

    /// <summary>The dialect (<c>sqlite</c>, <c>postgresql</c>) of a plain ADO.NET connection string; a URL names its own.</summary>
    public string? Dialect { get; set; }

    /// <summary>
    /// The migrations environment: the folder holding <c>retort.json</c> and its <c>.sql</c> revisions, relative to the
    /// host's content root. Null when every revision is compiled into <see cref="RevisionsAssembly"/>.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>
    /// The name of the assembly holding the C# revisions (<c>[Revision]</c> classes), for example the application's own.
    /// <c>RetortBuilder.UseRevisionsFrom(typeof(Program).Assembly)</c> sets it in code.
    /// </summary>
    public string? RevisionsAssembly { get; set; }

    /// <summary>Upgrade the database when the host starts, before it serves (under the migration lock; a failure stops the start).</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>What migrate-on-start upgrades to and what the health check compares with: <c>head</c> (default), <c>heads</c>, an id, <c>label@head</c>.</summary>
    public string Target { get; set; } = "head";

    /// <summary>
    /// How long a run waits for another run's migration lock (another instance migrating) before it fails. PostgreSQL's
    /// per-statement <c>lock_timeout</c> and retries are set in the URL (<c>?lock_timeout=500ms</c>) or the dialect's options.
    /// </summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The batching of data steps that set none of their own (batch size, its adaptation toward
    /// <c>TargetBatchDuration</c>, <c>MinBatchSize</c>/<c>MaxBatchSize</c>, <c>PauseBetweenBatches</c>, a replica to wait
    /// for); a key left out keeps its <see cref="BatchOptions.Default"/> value. Null for the environment's
    /// <c>batching</c>, else the defaults. A step's own batching always wins, and no revision's checksum depends on it.
    /// </summary>
    public BatchOptions? Batching { get; set; }

    /// <summary>Run every revision of a run in one transaction; null for the environment's setting (one per revision).</summary>
    public bool? SingleTransaction { get; set; }

    /// <summary>Schema of Retort's own tables; null for the environment's setting (the default schema).</summary>
    public string? VersionTableSchema { get; set; }

    /// <summary>Default schema passed to revisions; null for the environment's setting.</summary>
    public string? DefaultSchema { get; set; }

    /// <summary>Lint rules allowed for every revision migrate-on-start runs (<c>["RT012"]</c>); recorded in the history table.</summary>
    public string[] AllowRules { get; set; } = [];
}
