namespace Retort.Operations;

/// <summary>Raised when an operation (or a migration's automatic downgrade) cannot be reversed.</summary>
public sealed class IrreversibleOperationException : RetortException
{
    /// <summary>Creates the error for <paramref name="operation"/>.</summary>
    public IrreversibleOperationException(MigrationOperation operation, string why)
        : base($"Cannot reverse '{operation.Describe()}': {why}. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed.")
        => Operation = operation;

    /// <summary>
    /// The same error in a downgrade, naming the revision and where it is written (<paramref name="location"/>, its
    /// file): the operation alone does not say which revision to fix.
    /// </summary>
    public IrreversibleOperationException(IrreversibleOperationException error, string revisionId, string location)
        : base($"Cannot downgrade revision {revisionId} ({location}): {error.Message} Nothing was changed.", error)
    {
        Operation = error.Operation;
        RevisionId = revisionId;
    }

    /// <summary>The revision whose downgrade needed the reverse, when known.</summary>
    public string? RevisionId { get; }

    /// <summary>The operation that could not be reversed.</summary>
    public MigrationOperation Operation { get; }
}
