namespace Retort.Fleet;

/// <summary>One fleet run's row of <c>retort_fleet_runs</c>.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Operation"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="Target">The target revision as given.</param>
/// <param name="State"><c>running</c> (or killed), <c>done</c>, <c>failed</c>, <c>stopped</c> or <c>cancelled</c>.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC), or null while running or after a kill.</param>
/// <param name="Total">Targets in the fleet.</param>
/// <param name="Done">Targets done by the run.</param>
/// <param name="Failed">Targets that failed.</param>
/// <param name="Skipped">Targets skipped (already done, or not started).</param>
/// <param name="Reason">Why it stopped, or null.</param>
public sealed record FleetRunRow(string RunId, string Operation, string Target, string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Total, int Done, int Failed, int Skipped, string? Reason);
