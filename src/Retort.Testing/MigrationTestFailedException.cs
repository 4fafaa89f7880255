namespace Retort.Testing;

/// <summary>Thrown by the <see cref="CheckResults"/> helpers: one paragraph per failed check.</summary>
public sealed class MigrationTestFailedException(IReadOnlyList<CheckResult> failures) : RetortException(
    string.Join("\n", failures.Select(f => $"{f.Check}{(f.Revision is null ? "" : " of revision " + f.Revision)} failed: {f.Message}" +
        (f.Statement is null ? "" : $"\nStatement:\n{f.Statement}"))))
{
    /// <summary>The failed checks.</summary>
    public IReadOnlyList<CheckResult> Failures { get; } = failures;
}
