using Retort.Lint;

namespace Retort.PostgreSql.Lint;

/// <summary>
/// A rule's claim compared with what the server did (<see cref="LockObserver"/>): the strongest lock mode on the
/// relation, whether its file was rewritten and, when the scans were counted without a rewrite, whether it was
/// scanned. Used by the rule tests and by <c>retort lint --verify</c> to show observed locks beside the claim.
/// </summary>
public static class RuleClaim
{
    /// <summary>
    /// Why the observation disagrees with the rule's claim, as a sentence naming both; null when it agrees (or the rule
    /// claims no lock).
    /// </summary>
    /// <param name="rule">The rule.</param>
    /// <param name="relation">The relation the claim is about (the name in messages).</param>
    /// <param name="observed">What the server did to it, or null when the statement neither locked nor rewrote it.</param>
    /// <param name="serverVersion">The server's version: a hazard gone in it (<see cref="LintRule.GoneInVersion"/>) must not show.</param>
    public static string? Disagreement(LintRule rule, string relation, RelationObservation? observed, Version serverVersion)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Lock is null) return null;
        var seen = observed is null ? "nothing"
            : $"modes [{string.Join(", ", observed.Modes)}], rewritten {(observed.Rewritten ? "yes" : "no")}, scans {observed.Scans?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not observed"}";
        if (observed is null || observed.StrongestMode != rule.Lock)
            return $"{rule.Id} claims {rule.Lock} on {relation}; the server showed {seen}.";
        var present = rule.GoneInVersion is null || serverVersion < rule.GoneInVersion;
        if (observed.Rewritten != (rule.Rewrites && present))
            return $"{rule.Id} claims that {relation} is {(rule.Rewrites && present ? "" : "not ")}rewritten{(present ? "" : $" on PostgreSQL {serverVersion.Major}")}; the server showed {seen}.";
        // A rewrite builds the new file from the old one (or, for TRUNCATE, rebuilds the indexes over an empty one),
        // which the server counts as a scan or not depending on how it copies: scans are compared only without one.
        if (observed.Scans is { } scans && !observed.Rewritten && scans > 0 != (rule.Scans && present))
            return $"{rule.Id} claims that {relation} is {(rule.Scans && present ? "" : "not ")}scanned; the server showed {seen}.";
        return null;
    }
}
