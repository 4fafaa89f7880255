namespace Retort.Revisions;

/// <summary>An id, prefix, branch label or target names no revision.</summary>
public sealed class UnknownRevisionException : RevisionGraphException
{
    /// <summary>Creates the error for <paramref name="identifier"/>.</summary>
    /// <param name="identifier">What was looked for.</param>
    /// <param name="detail">Optional sentence saying where it was looked for, appended to the message.</param>
    public UnknownRevisionException(string identifier, string? detail = null)
        : base($"No revision matches '{identifier}': it is not a revision id, a branch label or the prefix of an id. " +
               (detail is null ? "" : detail + " ") +
               "Check the spelling, or list the revisions to see which ids and labels exist.")
    {
        Identifier = identifier;
    }

    /// <summary>What was looked for.</summary>
    public string Identifier { get; }
}
