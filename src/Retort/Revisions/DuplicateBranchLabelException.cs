namespace Retort.Revisions;

/// <summary>A branch label is declared by two revisions, or collides with a revision id.</summary>
public sealed class DuplicateBranchLabelException : RevisionGraphException
{
    /// <summary>Creates the error for <paramref name="label"/>, already used by <paramref name="existingRevisionId"/>.</summary>
    /// <param name="label">The label declared twice.</param>
    /// <param name="existingRevisionId">The revision that already owns the name (as a label or as its id).</param>
    /// <param name="revisionId">The revision that declares the label again.</param>
    /// <param name="collidesWithId">True when the label equals the id of <paramref name="existingRevisionId"/>.</param>
    public DuplicateBranchLabelException(string label, string existingRevisionId, string revisionId, bool collidesWithId = false)
        : base(collidesWithId
            ? $"Branch label '{label}' on revision '{revisionId}' is the same as the id of revision '{existingRevisionId}', " +
              "so targets naming it would be ambiguous. Rename the branch label."
            : $"Branch label '{label}' is declared by both revision '{existingRevisionId}' and revision '{revisionId}'. " +
              "A branch label must name exactly one revision; remove or rename it on one of them.")
    {
        Label = label;
        ExistingRevisionId = existingRevisionId;
        RevisionId = revisionId;
    }

    /// <summary>The label declared twice.</summary>
    public string Label { get; }

    /// <summary>The revision that already owned the name.</summary>
    public string ExistingRevisionId { get; }

    /// <summary>The revision that declared the label again.</summary>
    public string RevisionId { get; }
}
