namespace Retort.Fleet;

/// <summary>Where a target of a fleet run stands, as the status table records it.</summary>
public enum FleetTargetState
{
    /// <summary>Waiting for its turn (or its run was never started: the fleet stopped or was killed first).</summary>
    Pending,

    /// <summary>Its run has started and not finished (a killed fleet leaves it so; the next run finishes it).</summary>
    Running,

    /// <summary>Its run finished: the target is at the fleet's target revision.</summary>
    Done,

    /// <summary>Its run failed or was cancelled; the error says why. Its failed revision was rolled back.</summary>
    Failed,

    /// <summary>Not run: already done for this target revision by an earlier run, or not started because the fleet stopped.</summary>
    Skipped,
}
