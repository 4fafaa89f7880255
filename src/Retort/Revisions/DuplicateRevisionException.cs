namespace Retort.Revisions;

/// <summary>Two revisions have the same id.</summary>
public sealed class DuplicateRevisionException : RevisionGraphException
{
    /// <summary>Creates the error for the id that occurs more than once.</summary>
    public DuplicateRevisionException(string revisionId)
        : base($"Revision id '{revisionId}' is used by more than one revision. Revision ids must be unique; " +
               "give one of the revisions a new id (and update any down revisions or depends_on that point at it).")
    {
        RevisionId = revisionId;
    }

    /// <summary>The id that occurs more than once.</summary>
    public string RevisionId { get; }
}
