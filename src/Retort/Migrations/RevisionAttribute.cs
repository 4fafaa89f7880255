using System.Runtime.CompilerServices;

namespace Retort.Migrations;

/// <summary>
/// Marks a <see cref="Migration"/> class as a revision and carries its identity:
/// <c>[Revision("ae1027a6acf", DownRevision = "1975ea83b712", Message = "add email")]</c>.
/// A merge names several parents with <see cref="DownRevisions"/>.
/// </summary>
/// <param name="id">The revision id.</param>
/// <param name="sourceFile">Filled in by the compiler: the file the attribute is written in.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RevisionAttribute(string id, [CallerFilePath] string sourceFile = "") : Attribute
{
    /// <summary>The revision id.</summary>
    public string Id { get; } = id;

    /// <summary>The source file of the revision class as the compiler saw it, for messages; "" when unknown.</summary>
    public string SourceFile { get; } = sourceFile;

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
