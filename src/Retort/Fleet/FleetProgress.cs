namespace Retort.Fleet;

/// <summary>A fleet run's progress, reported each time a target starts or finishes.</summary>
/// <param name="Total">Targets in the fleet.</param>
/// <param name="Done">Targets done in this run.</param>
/// <param name="Failed">Targets that failed in this run.</param>
/// <param name="Running">Targets running now.</param>
/// <param name="Pending">Targets not started yet.</param>
/// <param name="Skipped">Targets skipped (already done for this target revision, or not started because the fleet stopped).</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Eta">Time left at the rate so far, or null before the first target finished.</param>
public sealed record FleetProgress(int Total, int Done, int Failed, int Running, int Pending, int Skipped, TimeSpan Elapsed, TimeSpan? Eta);
