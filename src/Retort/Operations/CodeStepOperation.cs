namespace Retort.Operations;

/// <summary>
/// A step written in C#: it receives the open connection and transaction (through
/// <see cref="MigrationContext"/>) and may read and write data. It cannot be rendered as an offline script.
/// </summary>
/// <param name="Description">What the step does, for logs and errors.</param>
/// <param name="Action">The code to run.</param>
public sealed record CodeStepOperation(string Description, Func<MigrationContext, CancellationToken, Task> Action) : MigrationOperation
{
    /// <summary>Optional code that undoes this step; makes the operation reversible.</summary>
    public Func<MigrationContext, CancellationToken, Task>? ReverseAction { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => ReverseAction is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ReverseAction is null
        ? throw new IrreversibleOperationException(this, "a C# step has no reverse unless one is given")
        : new CodeStepOperation("undo: " + Description, ReverseAction) { ReverseAction = Action };

    /// <inheritdoc />
    public override string Describe() => "run " + Description;
}
