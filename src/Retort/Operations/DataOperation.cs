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
    /// <summary>Batch size, adaptation and throttling.</summary>
    public BatchOptions Batching { get; init; } = BatchOptions.Default;

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
