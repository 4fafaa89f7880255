namespace Retort.Revisions;

/// <summary>
/// Base type of every error raised while building or querying a <see cref="RevisionGraph"/>: an inconsistent set of
/// revisions, a target that cannot be resolved, or a move the graph cannot perform. Also raised directly for errors
/// without a more specific type, such as a malformed target.
/// </summary>
public class RevisionGraphException : RetortException
{
    /// <summary>Creates an error with a user-facing message.</summary>
    public RevisionGraphException(string message) : base(message) { }

    /// <summary>Creates an error with a user-facing message and the error that caused it.</summary>
    public RevisionGraphException(string message, Exception? inner) : base(message, inner) { }
}
