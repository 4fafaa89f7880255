namespace Retort.Specification;

/// <summary>
/// Put on a dialect's subclass of a suite: the suite's test <see cref="Test"/> shows a defect of that dialect that is not
/// fixed yet, so it is skipped there with <see cref="Reason"/> (loudly, as KNOWN DEFECT) instead of failing the suite.
/// Remove it with the fix; the test then runs and pins it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class KnownDefectAttribute(string test, string reason) : Attribute
{
    /// <summary>The name of the suite's test method.</summary>
    public string Test { get; } = test;

    /// <summary>What is wrong, in one sentence.</summary>
    public string Reason { get; } = reason;
}
