using Retort.Revisions;

namespace Retort.Runner;

/// <summary>A progress report of a batched data step, raised after every committed batch.</summary>
/// <param name="Revision">The revision running the step.</param>
/// <param name="Step">Index of the step in the revision's plan.</param>
/// <param name="Description">What the step does.</param>
/// <param name="RowsDone">Rows walked so far, including those of earlier runs (resumed steps).</param>
/// <param name="RowsWritten">Rows changed or written so far.</param>
/// <param name="TotalEstimate">Estimated rows in all, or null when unknown.</param>
/// <param name="RowsPerSecond">Rows per second in this run.</param>
/// <param name="BatchSize">Size of the next batch.</param>
/// <param name="Finished">True on the step's last report.</param>
/// <param name="Resumed">True when the step continued from a checkpoint left by an earlier run.</param>
public sealed record DataProgress(RevisionInfo Revision, int Step, string Description, long RowsDone, long RowsWritten, long? TotalEstimate,
    double RowsPerSecond, int BatchSize, bool Finished, bool Resumed)
{
    /// <summary>Estimated time left, or null when unknown.</summary>
    public TimeSpan? Eta => TotalEstimate is { } total && RowsPerSecond > 0 && !Finished
        ? TimeSpan.FromSeconds(Math.Max(0, total - RowsDone) / RowsPerSecond)
        : null;
}
