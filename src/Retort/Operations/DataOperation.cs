namespace Retort.Operations;

/// <summary>
/// A batched data step: it runs after the revision's preceding schema changes committed, in batches that each
/// commit on their own with a checkpoint, so a run that dies resumes where it stopped. Online only in batches;
/// an offline script renders it as one statement or refuses it.
/// </summary>
public abstract record DataOperation : MigrationOperation
{
    /// <summary>Batch size, adaptation and throttling.</summary>
    public BatchOptions Batching { get; init; } = BatchOptions.Default;
}
