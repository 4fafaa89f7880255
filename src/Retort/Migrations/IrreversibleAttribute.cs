namespace Retort.Migrations;

/// <summary>
/// Declares that a revision cannot be downgraded (for example it deletes data). Downgrading through it is
/// refused with a clear message instead of failing halfway.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class IrreversibleAttribute(string reason) : Attribute
{
    /// <summary>Why the revision cannot be undone.</summary>
    public string Reason { get; } = reason;
}
