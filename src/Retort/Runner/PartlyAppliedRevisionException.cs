namespace Retort.Runner;

/// <summary>
/// A run was refused because a revision it would build on or undo is partly applied (a data step or a step outside
/// the transaction committed and the revision then stopped): going past it would leave its committed work behind.
/// Finish it (<see cref="Migrator.FinishPartialAsync"/>), undo it (<see cref="Migrator.UndoPartialAsync"/>) or, after
/// repairing the database by hand, forget it (<see cref="Migrator.ForgetPartialAsync"/>). Nothing was changed.
/// </summary>
public sealed class PartlyAppliedRevisionException : RetortException
{
    /// <summary>Creates the error.</summary>
    public PartlyAppliedRevisionException(string revisionId, string message) : base(message) => RevisionId = revisionId;

    /// <summary>The partly applied revision.</summary>
    public string RevisionId { get; }
}
