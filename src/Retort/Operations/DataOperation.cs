using System.Diagnostics.CodeAnalysis;
using Retort.Internal;

namespace Retort.Operations;

/// <summary>
/// A batched data step: it runs after the revision's preceding schema changes committed, in batches that each
/// commit on their own with a checkpoint, so a run that dies resumes where it stopped. Online only in batches;
/// an offline script renders it as one statement or refuses it. An <see cref="Atomic"/> step instead runs whole
/// inside the revision's transaction.
/// </summary>
public abstract record DataOperation : MigrationOperation
{
    // Null while the step sets no batching of its own: the run's default (MigratorOptions.Batching) then applies.
    private readonly BatchOptions? _batching;

    /// <summary>
    /// Batch size, adaptation and throttling. A step that sets none (or sets null) reads <see cref="BatchOptions.Default"/>
    /// here and runs with the runner's default, <see cref="Runner.MigratorOptions.Batching"/>, when one is set. The
    /// checksum of an applied revision holds what the step itself says, so a runner's default never changes it.
    /// </summary>
    [AllowNull]
    public BatchOptions Batching { get => _batching ?? BatchOptions.Default; init => _batching = value; }

    /// <summary>The batching the step runs with: its own, else <paramref name="runDefault"/>, else <see cref="BatchOptions.Default"/>.</summary>
    internal BatchOptions BatchingOr(BatchOptions? runDefault) => _batching ?? runDefault ?? BatchOptions.Default;

    /// <summary>
    /// All or nothing, for small data steps: the step runs whole inside the revision's transaction, with the schema
    /// changes around it, so a failure leaves nothing of it (and of the revision) behind and there is no partly
    /// applied state to resume or undo. No checkpoints and no progress events; the rows it changes stay locked until
    /// the revision commits. A backfill is one <c>UPDATE</c>; a transformation still reads the source in keyset
    /// batches (memory holds one batch) and writes them in the same transaction. Not for copy and swap.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool Atomic { get; init; }
}
