namespace Retort.Testing;

/// <summary>The outcome of one check for one revision (or for the whole environment).</summary>
/// <param name="Check">Which check.</param>
/// <param name="Revision">The revision, or null for environment-wide checks.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Message">Why it failed (or a note when it was skipped).</param>
/// <param name="Statement">The statement that failed, when one did.</param>
/// <param name="Skipped">True when the check did not apply (for example an irreversible revision's stairway).</param>
public sealed record CheckResult(MigrationCheck Check, string? Revision, bool Passed, string? Message = null, string? Statement = null, bool Skipped = false);
