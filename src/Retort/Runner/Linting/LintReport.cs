using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>What a lint run found, in plan order.</summary>
/// <param name="Dialect">The dialect whose rules ran.</param>
/// <param name="Revisions">The revisions linted, in the order <c>upgrade</c> runs them.</param>
/// <param name="Findings">The findings, revision by revision, operation by operation.</param>
public sealed record LintReport(string Dialect, IReadOnlyList<string> Revisions, IReadOnlyList<LintFinding> Findings)
{
    /// <summary>The server's version, when a database was read.</summary>
    public Version? ServerVersion { get; init; }

    /// <summary>True when the live catalogue (row counts and sizes) was read.</summary>
    public bool UsedLiveStats { get; init; }

    /// <summary>The rules of the dialect's catalogue, for SARIF's rule list.</summary>
    public IReadOnlyList<LintRule> Rules { get; init; } = [];

    /// <summary>What running the plan on a shadow database showed (<c>--verify</c>), or null when it was not run.</summary>
    public LintVerification? Verification { get; init; }

    /// <summary>Error findings that are not allowed: <c>upgrade</c> refuses to run while there is one.</summary>
    public IReadOnlyList<LintFinding> Blocking => Findings.Where(f => f.Severity == LintSeverity.Error && !f.IsAllowed).ToList();

    /// <summary>Findings allowed with a reason.</summary>
    public IReadOnlyList<LintFinding> Allowed => Findings.Where(f => f.IsAllowed).ToList();
}
