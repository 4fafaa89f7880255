namespace Retort.Operations;

/// <summary>Raised when an operation (or a migration's automatic downgrade) cannot be reversed.</summary>
public sealed class IrreversibleOperationException : RetortException
{
    /// <summary>Creates the error for <paramref name="operation"/>.</summary>
    public IrreversibleOperationException(MigrationOperation operation, string why)
        : base($"Cannot reverse '{operation.Describe()}': {why}. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed.")
        => Operation = operation;

    /// <summary>The operation that could not be reversed.</summary>
    public MigrationOperation Operation { get; }
}
