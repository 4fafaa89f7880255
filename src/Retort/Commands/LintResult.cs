using Retort.Runner.Linting;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.LintAsync"/> found.</summary>
/// <param name="Report">The findings and what was linted.</param>
/// <param name="Database">The database read (password hidden), or null when none was.</param>
public sealed record LintResult(LintReport Report, string? Database)
{
    /// <summary>True when an error finding is not allowed: <c>upgrade</c> would refuse to run.</summary>
    public bool HasBlockingFindings => Report.Blocking.Count > 0;

    /// <summary>True when <c>--verify</c> stopped at a statement that failed on the shadow database.</summary>
    public bool VerifyFailed => Report.Verification?.Failure is not null;
}
