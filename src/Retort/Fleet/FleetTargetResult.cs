namespace Retort.Fleet;

/// <summary>What a fleet run did to one target.</summary>
/// <param name="Target">The target.</param>
/// <param name="State">Done, failed, skipped (or pending when the fleet stopped before it).</param>
/// <param name="Before">The target's revisions (heads) before its run; empty at base or when unknown.</param>
/// <param name="After">Its revisions after the run (for <c>current</c>: now).</param>
/// <param name="Error">Why it failed or was skipped, without secrets; null when done.</param>
/// <param name="Duration">How long its run took.</param>
/// <param name="Applied">How many revisions its run applied (or reverted).</param>
public sealed record FleetTargetResult(FleetTarget Target, FleetTargetState State, IReadOnlyList<string> Before, IReadOnlyList<string> After,
    string? Error, TimeSpan Duration, int Applied = 0);
