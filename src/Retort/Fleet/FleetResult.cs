namespace Retort.Fleet;

/// <summary>What a fleet run did: one small row per target, and whether the fleet stopped early.</summary>
/// <param name="Operation"><c>upgrade</c>, <c>downgrade</c> or <c>current</c>.</param>
/// <param name="Target">The target revision as given (<c>head</c>), or null for <c>current</c>.</param>
/// <param name="RunId">The run's id in the status table, or null for <c>current</c>.</param>
/// <param name="Targets">Per target, in the order of the target list.</param>
/// <param name="StoppedReason">Why the fleet stopped starting targets (a canary failed, too many failures), or null.</param>
/// <param name="Cancelled">True when the run was cancelled.</param>
/// <param name="Elapsed">The run's wall time.</param>
public sealed record FleetResult(string Operation, string? Target, string? RunId, IReadOnlyList<FleetTargetResult> Targets, string? StoppedReason,
    bool Cancelled, TimeSpan Elapsed)
{
    /// <summary>Targets done in this run.</summary>
    public int Done => Targets.Count(t => t.State == FleetTargetState.Done);

    /// <summary>Targets that failed.</summary>
    public int Failed => Targets.Count(t => t.State == FleetTargetState.Failed);

    /// <summary>Targets skipped: already done for this target revision, or never started.</summary>
    public int Skipped => Targets.Count(t => t.State is FleetTargetState.Skipped or FleetTargetState.Pending);

    /// <summary>True when every target is at the target revision: nothing failed, nothing left, not stopped or cancelled.</summary>
    public bool Succeeded => StoppedReason is null && !Cancelled && Targets.All(t => t.State is FleetTargetState.Done
        || (t.State == FleetTargetState.Skipped && t.Error is null));
}
