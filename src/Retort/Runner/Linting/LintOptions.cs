using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>What a lint run knows beyond the plans: rules allowed for the whole run, the server and the live catalogue.</summary>
public sealed record LintOptions
{
    /// <summary>Reason recorded for a rule allowed for a whole run (<c>--allow</c>).</summary>
    public const string CommandLineReason = "allowed on the command line";

    /// <summary>Rules allowed for every revision of the run (<c>--allow RT012,RT020</c>), recorded with <see cref="CommandLineReason"/>.</summary>
    public IReadOnlyCollection<string> Allow { get; init; } = [];

    /// <summary>The server's version, when known.</summary>
    public Version? ServerVersion { get; init; }

    /// <summary>Statistics of the live tables (see <see cref="LintContext.Key"/>), or null without a database.</summary>
    public IReadOnlyDictionary<string, TableStats>? Live { get; init; }
}
