using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Renames a column online: during the expand the old version's views show it under its old name and the new
/// version's under the new one (no data moves); the contract renames the column itself.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column's current name.</param>
/// <param name="NewName">Its new name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineRenameColumnOperation(string TableName, string ColumnName, string NewName, string? Schema = null) : OnlineOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override OnlineShape GetShape() => new() { RenamedColumns = [new(ColumnName, NewName)] };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape() => [new AlterColumnOperation(TableName, ColumnName, Schema) { NewName = NewName }];

    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new OnlineRenameColumnOperation(TableName, NewName, ColumnName, Schema);

    /// <inheritdoc />
    public override string Describe() => $"rename column {Display}.{ColumnName} to {NewName} (online)";

    /// <summary>What Retort knows about renaming a column online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineRenameColumnOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.Online.RenameColumn({S(o.TableName)}, {S(o.ColumnName)}, {S(o.NewName)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Always,
        ReverseNote = "renames the column back (online)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Simplified("the final shape in one step (a plain rename): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
