namespace Retort.Migrations;

/// <summary>
/// Marks a <see cref="Migration"/> class as a revision and carries its identity:
/// <c>[Revision("ae1027a6acf", DownRevision = "1975ea83b712", Message = "add email")]</c>.
/// A merge names several parents with <see cref="DownRevisions"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RevisionAttribute(string id) : Attribute
{
    /// <summary>The revision id.</summary>
    public string Id { get; } = id;

    /// <summary>The single parent, or null for a base revision.</summary>
    public string? DownRevision { get; set; }

    /// <summary>Several parents (a merge). Used instead of <see cref="DownRevision"/>.</summary>
    public string[]? DownRevisions { get; set; }

    /// <summary>The revision's message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Branch labels.</summary>
    public string[]? BranchLabels { get; set; }

    /// <summary>Revisions that must be applied first, without being parents.</summary>
    public string[]? DependsOn { get; set; }
}
