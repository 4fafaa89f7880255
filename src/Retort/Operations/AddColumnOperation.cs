using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Adds a column to a table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Column">The new column.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record AddColumnOperation(string TableName, Column Column, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new DropColumnOperation(TableName, Column.Name, Schema) { Existing = Column };

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (table.FindColumn(Column.Name) is not null)
            throw new RetortException($"Cannot add column '{Column.Name}' to table '{Display}': it already has a column of that name.");
        return table with { Columns = table.Columns.Append(Column).ToValueList() };
    }

    /// <inheritdoc />
    public override string Describe() => $"add column {Display}.{Column.Name}";

    /// <summary>What Retort knows about adding a column (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<AddColumnOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.AddColumn({S(o.TableName)}, {ColumnCode(o.Column)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Always,
        ReverseNote = "drops the column, keeping its definition so the drop reverses too",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
