namespace Retort.Runner;

/// <summary>
/// Where one step of a partly applied revision stands, from the progress table: a schema phase that committed,
/// or a batched data step with its checkpoint.
/// </summary>
/// <param name="Revision">Revision id.</param>
/// <param name="Direction"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="Step">Index of the step's first operation in the revision's plan.</param>
/// <param name="Description">What the step does.</param>
/// <param name="RowsDone">Rows walked so far (data steps).</param>
/// <param name="RowsWritten">Rows changed or written so far (data steps).</param>
/// <param name="Finished">True when the step completed.</param>
/// <param name="Elapsed">Time spent in the step over all runs.</param>
/// <param name="Checksum">Checksum of the plan that started it.</param>
/// <param name="LastKey">The checkpoint key as stored (for <see cref="CheckpointPhase.Swapped"/>, the statements left), or null.</param>
/// <param name="Phase">Where a data step stands between its batches and its end.</param>
public sealed record DataStepProgress(string Revision, string Direction, int Step, string? Description, long RowsDone, long RowsWritten,
    bool Finished, TimeSpan Elapsed, string? Checksum, string? LastKey, CheckpointPhase Phase = CheckpointPhase.Batches);
