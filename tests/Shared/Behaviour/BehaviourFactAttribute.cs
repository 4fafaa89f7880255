namespace Retort.Behaviour;

/// <summary>
/// A test of the shared behaviour suite: a plain fact, skipped with <see cref="BehaviourEnvironment.SkipReason"/>
/// when the test project says its database is not available.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BehaviourFactAttribute : FactAttribute
{
    /// <summary>Sets Skip from <see cref="BehaviourEnvironment.SkipReason"/>.</summary>
    public BehaviourFactAttribute()
    {
        if (BehaviourEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
