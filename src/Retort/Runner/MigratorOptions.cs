using Retort.Dialects;
using Retort.Operations;
using Retort.Runner.Linting;

namespace Retort.Runner;

/// <summary>How a <see cref="Migrator"/> runs.</summary>
public sealed record MigratorOptions
{
    /// <summary>Name of the version table (one row per current head, as Alembic's <c>alembic_version</c>).</summary>
    public string VersionTable { get; init; } = "retort_version";

    /// <summary>Name of the history table (one row per applied or undone revision).</summary>
    public string HistoryTable { get; init; } = "retort_history";

    /// <summary>Name of the progress table (checkpoints of revisions with batched data steps, while they run).</summary>
    public string ProgressTable { get; init; } = "retort_progress";

    /// <summary>Retort's own tables (version, history, progress): never compared, tested or shown as the user's.</summary>
    public IReadOnlyCollection<string> OwnTables => [VersionTable, HistoryTable, ProgressTable];

    /// <summary>Retort's own tables by name, as the dialect's history store takes them.</summary>
    public HistoryTables Tables => new(VersionTable, HistoryTable, ProgressTable, VersionTableSchema);

    /// <summary>Schema of Retort's own tables, or null for the default schema.</summary>
    public string? VersionTableSchema { get; init; }

    /// <summary>Default schema passed to revisions' <c>Op</c>.</summary>
    public string? DefaultSchema { get; init; }

    /// <summary>Run all revisions in one transaction instead of one transaction per revision.</summary>
    public bool SingleTransaction { get; init; }

    /// <summary>How long to wait for another migration run (or a writer) to finish before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The batching of data steps that set none of their own (a backfill or transformation without
    /// <c>batchSize</c>, <c>targetBatchDuration</c> or <c>batching</c>, a <c>-- retort:backfill</c> line without batch
    /// options); null for <see cref="BatchOptions.Default"/>. A step's own batching always wins. Not part of any
    /// revision's checksum: changing it never makes an applied revision look edited.
    /// </summary>
    public BatchOptions? Batching { get; init; }

    /// <summary>
    /// The lint gate of upgrades: null (the default for a program that drives a <see cref="Migrator"/> itself) runs no
    /// lint; the commands layer and the <c>retort</c> tool always set it, so <c>upgrade</c> refuses error findings not
    /// allowed with a reason.
    /// </summary>
    public LintGate? Lint { get; init; }
}
