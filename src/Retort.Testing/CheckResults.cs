namespace Retort.Testing;

/// <summary>Assertion helpers that work with any test framework (they throw on failure).</summary>
public static class CheckResults
{
    /// <summary>Throws <see cref="MigrationTestFailedException"/> when any result failed.</summary>
    public static void ThrowIfFailed(IEnumerable<CheckResult> results)
    {
        var failures = results.Where(r => !r.Passed).ToList();
        if (failures.Count > 0) throw new MigrationTestFailedException(failures);
    }

    /// <summary>Throws when the check failed.</summary>
    public static void ThrowIfFailed(CheckResult result) => ThrowIfFailed([result]);

    /// <summary>Throws when the report has a failure.</summary>
    public static void ThrowIfFailed(MigrationTestReport report) => ThrowIfFailed(report.Results);
}
