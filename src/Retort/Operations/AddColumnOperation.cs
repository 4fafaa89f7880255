using Retort.Schema;

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
}
