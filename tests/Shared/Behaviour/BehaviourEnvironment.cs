namespace Retort.Behaviour;

/// <summary>
/// Per test project settings of the shared behaviour suite. A dialect whose database may be missing on a
/// developer machine sets <see cref="SkipReason"/> from a module initializer, before xUnit discovers the tests.
/// </summary>
public static class BehaviourEnvironment
{
    /// <summary>Why every behaviour test of this test project is skipped, or null to run them.</summary>
    public static string? SkipReason { get; set; }
}
