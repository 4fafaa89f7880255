namespace Retort.Runner;

/// <summary>Where a batched data step stands, as its checkpoint records it.</summary>
public enum CheckpointPhase
{
    /// <summary>Batches run; the key is where the next one starts.</summary>
    Batches,

    /// <summary>A copy-and-swap backfill copied every row; the replay and the swap are left.</summary>
    Copied,

    /// <summary>A copy-and-swap backfill's copy is swapped in; the statements after the swap (validation, statistics) are left.</summary>
    Swapped,
}
