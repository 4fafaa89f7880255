namespace Retort.Runner;

/// <summary>
/// A revision failed. Its transaction was rolled back, so schema, data and version table are as before it;
/// revisions after it were not attempted.
/// </summary>
public sealed class MigrationFailedException : RetortException
{
    /// <summary>Creates the error.</summary>
    public MigrationFailedException(string revisionId, string direction, string? statement, string reason, Exception? inner)
        : this(revisionId, direction, statement, reason, inner, null) { }

    /// <summary>
    /// Creates the error for a revision with batched data steps that failed in <paramref name="partialStep"/>: what
    /// committed before (schema phases, batches) stays, checkpointed, and a new run resumes from there.
    /// </summary>
    public MigrationFailedException(string revisionId, string direction, string? statement, string reason, Exception? inner, string? partialStep)
        : base(partialStep is null ? BuildMessage(revisionId, direction, statement, reason) : BuildPartialMessage(revisionId, direction, statement, reason, partialStep), inner)
    {
        PartlyApplied = partialStep is not null;
        RevisionId = revisionId;
        Statement = statement;
        Reason = reason;
    }

    /// <summary>True when the revision has batched data steps and the phases before the failing one stay committed.</summary>
    public bool PartlyApplied { get; }

    /// <summary>The revision that failed.</summary>
    public string RevisionId { get; }

    /// <summary>The statement that failed, if a statement did.</summary>
    public string? Statement { get; }

    /// <summary>The database's (or the code step's) message.</summary>
    public string Reason { get; }

    private static string BuildMessage(string id, string direction, string? statement, string reason) =>
        $"Revision {id} failed during {direction} and was rolled back; the database is as it was before this revision. " +
        $"Reason: {reason}" + (statement is null ? "" : $"\nStatement:\n{statement}");

    private static string BuildPartialMessage(string id, string direction, string? statement, string reason, string step) =>
        $"Revision {id} failed during {direction} in {step}; that step's open transaction was rolled back. The schema phases and batches it " +
        $"committed before stay applied and checkpointed, and the revision is not recorded as applied. Fix the cause and run {direction} again to resume, " +
        $"or undo what it committed with 'retort resolve {id} --undo' (Migrator.UndoPartialAsync). " +
        $"Reason: {reason}" + (statement is null ? "" : $"\nStatement:\n{statement}");
}
