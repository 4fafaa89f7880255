namespace Retort.Runner;

/// <summary>
/// A revision failed. Its transaction was rolled back, so schema, data and version table are as before it;
/// revisions after it were not attempted.
/// </summary>
public sealed class MigrationFailedException : RetortException
{
    /// <summary>Creates the error.</summary>
    public MigrationFailedException(string revisionId, string direction, string? statement, string reason, Exception? inner)
        : base(BuildMessage(revisionId, direction, statement, reason), inner)
    {
        RevisionId = revisionId;
        Statement = statement;
        Reason = reason;
    }

    /// <summary>The revision that failed.</summary>
    public string RevisionId { get; }

    /// <summary>The statement that failed, if a statement did.</summary>
    public string? Statement { get; }

    /// <summary>The database's (or the code step's) message.</summary>
    public string Reason { get; }

    private static string BuildMessage(string id, string direction, string? statement, string reason) =>
        $"Revision {id} failed during {direction} and was rolled back; the database is as it was before this revision. " +
        $"Reason: {reason}" + (statement is null ? "" : $"\nStatement:\n{statement}");
}
