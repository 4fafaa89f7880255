namespace Retort.Testing;

/// <summary>Every check's result, in the order they ran.</summary>
/// <param name="Results">The results.</param>
public sealed record MigrationTestReport(IReadOnlyList<CheckResult> Results)
{
    /// <summary>True when no check failed.</summary>
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The first failure, or null.</summary>
    public CheckResult? FirstFailure => Results.FirstOrDefault(r => !r.Passed);

    /// <summary>The results for one revision.</summary>
    public IEnumerable<CheckResult> For(string revision) => Results.Where(r => r.Revision == revision);
}
