using Retort.Operations;

namespace Retort.Commands;

/// <summary>The operations one direction of a revision runs.</summary>
/// <param name="Operations">The plan; empty when it is empty or cannot be built.</param>
/// <param name="Error">Why the plan cannot be built; null when it can.</param>
public sealed record RevisionPlan(IReadOnlyList<MigrationOperation> Operations, string? Error);
