namespace Retort.Operations;

/// <summary>
/// How a batched data step paces itself: batch size (adapted toward a target duration), a pause between
/// batches, and a pause while a named replica lags behind (where the dialect can tell).
/// </summary>
// Its public properties are read by reflection for a revision's checksum (Runner/PlanFingerprint.cs): kept when trimmed.
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
public sealed record BatchOptions
{
    /// <summary>The defaults: 1,000 rows per batch, adapted toward 200 ms per batch, no pause.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>Rows per batch to start with (and to keep when <see cref="TargetBatchDuration"/> is null).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>When set, the batch size adapts after every batch so a batch takes about this long.</summary>
    public TimeSpan? TargetBatchDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Smallest batch size the adaptation may choose.</summary>
    public int MinBatchSize { get; init; } = 10;

    /// <summary>Largest batch size the adaptation may choose.</summary>
    public int MaxBatchSize { get; init; } = 50_000;

    /// <summary>Pause after every committed batch (gives other sessions room on a busy database).</summary>
    public TimeSpan PauseBetweenBatches { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// A replica to watch (PostgreSQL: <c>application_name</c> in <c>pg_stat_replication</c>); while its replay lag
    /// is above <see cref="MaxReplicaLag"/>, no batch starts.
    /// </summary>
    public string? ReplicaName { get; init; }

    /// <summary>Replay lag above which batches wait (with <see cref="ReplicaName"/>).</summary>
    public TimeSpan MaxReplicaLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait between two looks at the replica's lag while it is too high.</summary>
    public TimeSpan ReplicaPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What is wrong with these settings, one sentence each naming the setting; empty when nothing is.
    /// <paramref name="name"/> spells a property's name as the caller's user wrote it (a configuration key such as
    /// <c>Retort:Batching:BatchSize</c>); the property's own name without it.
    /// </summary>
    public IReadOnlyList<string> Validate(Func<string, string>? name = null)
    {
        name ??= static property => property;
        var problems = new List<string>();
        if (BatchSize < 1) problems.Add($"{name(nameof(BatchSize))} must be at least 1 (it is {BatchSize}).");
        if (MinBatchSize < 1) problems.Add($"{name(nameof(MinBatchSize))} must be at least 1 (it is {MinBatchSize}).");
        if (MaxBatchSize < MinBatchSize)
            problems.Add($"{name(nameof(MaxBatchSize))} ({MaxBatchSize}) must not be below {name(nameof(MinBatchSize))} ({MinBatchSize}).");
        if (BatchSize > MaxBatchSize)
            problems.Add($"{name(nameof(BatchSize))} ({BatchSize}) is above {name(nameof(MaxBatchSize))} ({MaxBatchSize}); raise {name(nameof(MaxBatchSize))} too.");
        if (TargetBatchDuration is { } target && target <= TimeSpan.Zero)
            problems.Add($"{name(nameof(TargetBatchDuration))} must be positive (it is {target}), or unset for a fixed batch size.");
        if (PauseBetweenBatches < TimeSpan.Zero) problems.Add($"{name(nameof(PauseBetweenBatches))} must not be negative (it is {PauseBetweenBatches}).");
        if (MaxReplicaLag < TimeSpan.Zero) problems.Add($"{name(nameof(MaxReplicaLag))} must not be negative (it is {MaxReplicaLag}).");
        if (ReplicaPollInterval <= TimeSpan.Zero) problems.Add($"{name(nameof(ReplicaPollInterval))} must be positive (it is {ReplicaPollInterval}).");
        return problems;
    }

    /// <summary>The batch size to use after a batch of <paramref name="size"/> rows took <paramref name="took"/>.</summary>
    public int NextBatchSize(int size, TimeSpan took)
    {
        if (TargetBatchDuration is not { } target || took <= TimeSpan.Zero) return size;
        // Move toward the target, at most doubling or halving per batch so one slow batch does not swing it.
        var ratio = Math.Clamp(target.TotalMilliseconds / Math.Max(took.TotalMilliseconds, 0.1), 0.5, 2.0);
        return Math.Clamp((int)(size * ratio), MinBatchSize, MaxBatchSize);
    }
}
