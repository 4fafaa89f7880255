using Retort.Schema;

namespace Retort.Operations;

/// <summary>Inserts rows into a table (Alembic's <c>bulk_insert</c>), with values passed as parameters.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Columns">Column names, in the order of each row's values.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record BulkInsertOperation(string TableName, ValueList<string> Columns, ValueList<ValueList<object?>> Rows, string? Schema = null) : MigrationOperation
{
    /// <inheritdoc />
    public override string Describe() => $"insert {Rows.Count} row(s) into {(Schema is null ? TableName : Schema + "." + TableName)}";

    /// <summary>What Retort knows about inserting rows (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<BulkInsertOperation> Registration { get; } = new()
    {
        NotWritableAsCSharp = "its rows hold values of any .NET type, which have no general C# form",
        Reverse = Reversibility.Never,
        ReverseNote = "which rows to delete again is the author's decision: write the downgrade by hand",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = TrackedSchema.Unchanged,
    };
}
