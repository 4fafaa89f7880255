using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>A finding's rule claim (lock, rewrite, scan) checked against what the server did to the finding's table.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Relation">The table the claim is about.</param>
/// <param name="Difference">How the server disagreed, as a sentence; null when it agrees.</param>
public sealed record VerifiedClaim(LintFinding Finding, string Relation, string? Difference)
{
    /// <summary>True when the server did what the rule says.</summary>
    public bool Agrees => Difference is null;
}
