using Retort.Revisions;

namespace Retort.Commands;

/// <summary>One revision in detail.</summary>
/// <param name="Info">Its id, parents, labels and message.</param>
/// <param name="Location">Its file (or class).</param>
/// <param name="IrreversibleReason">Why it cannot be downgraded; null when it can.</param>
/// <param name="Upgrade">Its upgrade plan.</param>
/// <param name="Downgrade">Its downgrade plan; null when it is irreversible.</param>
public sealed record RevisionDetail(RevisionInfo Info, string Location, string? IrreversibleReason, RevisionPlan Upgrade, RevisionPlan? Downgrade);
