namespace Retort.Revisions;

/// <summary>
/// The identity of one revision as the graph sees it: its id, its parents and its labels. Where the revision's
/// operations come from (a C# class, a .sql file) is not the graph's concern.
/// </summary>
/// <param name="Id">Unique revision id (Alembic style: 12 hex characters by default, any non-empty text allowed).</param>
/// <param name="DownRevisions">Parents. Empty for a base; two or more for a merge.</param>
/// <param name="BranchLabels">Labels usable in targets such as <c>label@head</c>.</param>
/// <param name="DependsOn">Revisions (ids or labels) that must be applied first without being parents.</param>
/// <param name="Message">The message given when the revision was created.</param>
public sealed record RevisionInfo(
    string Id,
    IReadOnlyList<string> DownRevisions,
    IReadOnlyList<string> BranchLabels,
    IReadOnlyList<string> DependsOn,
    string Message)
{
    /// <summary>Creates a revision with one parent (or none when <paramref name="downRevision"/> is null).</summary>
    public static RevisionInfo Create(string id, string? downRevision, string message = "") =>
        new(id, downRevision is null ? [] : [downRevision], [], [], message);

    /// <summary>True when the revision has no parent.</summary>
    public bool IsBase => DownRevisions.Count == 0;

    /// <summary>True when the revision joins two or more parents.</summary>
    public bool IsMerge => DownRevisions.Count > 1;
}
