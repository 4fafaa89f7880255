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

    /// <summary>Creates the error naming where each revision with the id is written (files, or classes).</summary>
    public DuplicateRevisionException(string revisionId, IReadOnlyList<string> locations)
        : base($"Revision id '{revisionId}' is used by {locations.Count} revisions: {string.Join(" and ", locations)}. Revision ids must be unique; " +
               "give one of them a new id (and update any down revisions or depends_on that point at it).")
    {
        RevisionId = revisionId;
        Locations = locations;
    }

    /// <summary>The id that occurs more than once.</summary>
    public string RevisionId { get; }

    /// <summary>Where the revisions with the id are written, when known; empty otherwise.</summary>
    public IReadOnlyList<string> Locations { get; } = [];
}
