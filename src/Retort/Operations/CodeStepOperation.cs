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

    /// <summary>What Retort knows about a step of C# code (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<CodeStepOperation> Registration { get; } = new()
    {
        NotWritableAsCSharp = "it holds C# code (a delegate), which has no source form",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "runs the code that undoes it (reverse:)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Refused("it runs C# code, which needs a live database connection"),
        TrackSchema = (o, schema) =>
        {
            // C# code may have done anything to any table (a script that renders it is refused anyway).
            foreach (var table in schema.Tables.Where(t => schema.UntrackedChange(t.Name, t.Schema) is null).ToList())
                schema.MarkUntracked(table.Name, table.Schema, $"revision {schema.Revision ?? "(unknown)"} ran C# code ('{o.Description}') that may have changed it");
        },
    };
}
