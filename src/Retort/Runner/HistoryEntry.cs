namespace Retort.Runner;

/// <summary>One row of the history table.</summary>
/// <param name="Id">Row id, increasing.</param>
/// <param name="Revision">Revision id.</param>
/// <param name="Direction"><c>upgrade</c>, <c>downgrade</c> or <c>stamp</c>.</param>
/// <param name="AppliedAt">When it ran.</param>
/// <param name="Duration">How long it took, or null (stamp, offline).</param>
/// <param name="Checksum">Checksum of the plan that ran, or null.</param>
/// <param name="Rows">Rows written by the revision's batched data steps, or null.</param>
public sealed record HistoryEntry(long Id, string Revision, string Direction, DateTimeOffset AppliedAt, TimeSpan? Duration, string? Checksum, long? Rows = null)
{
    /// <summary>The lint findings the run allowed, one <c>RT### reason</c> line each, or null when it allowed none.</summary>
    public string? Allowed { get; init; }
}
