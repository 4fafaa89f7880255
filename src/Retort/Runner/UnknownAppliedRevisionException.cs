namespace Retort.Runner;

/// <summary>The version table names a revision no script defines (scripts deleted, or the wrong environment).</summary>
public sealed class UnknownAppliedRevisionException(IReadOnlyList<string> unknown) : RetortException(
    $"The database's version table names revision(s) {string.Join(", ", unknown)}, which no revision script defines. " +
    "Either this is the wrong migrations environment for this database, or revision files were deleted. " +
    "Restore the scripts, or use 'stamp --purge' to reset the version table to a known revision.")
{
    /// <summary>The unknown ids.</summary>
    public IReadOnlyList<string> Unknown { get; } = unknown;
}
