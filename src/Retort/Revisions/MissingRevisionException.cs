namespace Retort.Revisions;

/// <summary>A revision names a down revision or a dependency that does not exist.</summary>
public sealed class MissingRevisionException : RevisionGraphException
{
    /// <summary>Creates the error for <paramref name="revisionId"/> pointing at the missing <paramref name="missingId"/>.</summary>
    /// <param name="revisionId">The revision that holds the dangling reference.</param>
    /// <param name="missingId">The id (or label, for depends_on) that names no revision.</param>
    /// <param name="isDependency">True when the reference is a depends_on entry rather than a down revision.</param>
    public MissingRevisionException(string revisionId, string missingId, bool isDependency)
        : base(isDependency
            ? $"Revision '{revisionId}' depends on '{missingId}', but no revision has that id or branch label. " +
              "Add the missing revision or correct the depends_on entry."
            : $"Revision '{revisionId}' has down revision '{missingId}', but no revision with that id exists. " +
              "Add the missing revision or correct the down revision (use none for a base revision).")
    {
        RevisionId = revisionId;
        MissingId = missingId;
        IsDependency = isDependency;
    }

    /// <summary>The revision that holds the dangling reference.</summary>
    public string RevisionId { get; }

    /// <summary>The id or label that names no revision.</summary>
    public string MissingId { get; }

    /// <summary>True when the reference is a depends_on entry.</summary>
    public bool IsDependency { get; }
}
