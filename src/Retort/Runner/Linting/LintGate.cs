namespace Retort.Runner.Linting;

/// <summary>
/// The lint gate of an upgrade (<see cref="MigratorOptions.Lint"/>): before anything runs, the pending plans are linted
/// (with the live catalogue online) and the run is refused while an error finding is not allowed with a reason.
/// </summary>
public sealed record LintGate
{
    /// <summary>Rules allowed for every revision of the run (<c>--allow</c>), recorded as <see cref="LintOptions.CommandLineReason"/>.</summary>
    public IReadOnlyCollection<string> Allow { get; init; } = [];

    /// <summary>Static reports shared by the databases of a fleet, each path linted once; null to lint every run.</summary>
    internal Internal.SharedLintReports? Shared { get; init; }
}
