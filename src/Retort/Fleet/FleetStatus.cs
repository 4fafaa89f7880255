namespace Retort.Fleet;

/// <summary>The status table: the last fleet run and every target's row.</summary>
/// <param name="Store">Where the table is (without secrets).</param>
/// <param name="LastRun">The latest run, or null when none is recorded.</param>
/// <param name="Targets">One row per target, by key.</param>
public sealed record FleetStatus(string Store, FleetRunRow? LastRun, IReadOnlyList<FleetStatusRow> Targets);
