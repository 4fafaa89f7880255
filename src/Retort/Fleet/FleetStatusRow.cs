namespace Retort.Fleet;

/// <summary>One target's row of the status table <c>retort_fleet</c>.</summary>
/// <param name="Key">The target's key (its display name).</param>
/// <param name="DisplayName">The target, without secrets.</param>
/// <param name="RunId">The fleet run that last touched it.</param>
/// <param name="Operation"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="TargetRevision">The revisions the run went to (<c>base</c>, ids joined by commas, or a relative target as given).</param>
/// <param name="CurrentRevision">The target's revisions when its run ended, or null before.</param>
/// <param name="State">Pending, running, done, failed or skipped.</param>
/// <param name="Error">Why it failed or was skipped, without secrets.</param>
/// <param name="StartedAt">When its run started (UTC).</param>
/// <param name="FinishedAt">When its run ended (UTC).</param>
/// <param name="Duration">How long its run took.</param>
public sealed record FleetStatusRow(string Key, string DisplayName, string RunId, string Operation, string TargetRevision, string? CurrentRevision,
    FleetTargetState State, string? Error, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, TimeSpan? Duration);
