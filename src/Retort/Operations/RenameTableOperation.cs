using Retort.Schema;

namespace Retort.Operations;

/// <summary>Renames a table.</summary>
/// <param name="TableName">Current name.</param>
/// <param name="NewName">New name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record RenameTableOperation(string TableName, string NewName, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new RenameTableOperation(NewName, TableName, Schema);

    /// <inheritdoc />
    public override Table ApplyTo(Table table) => table with { Name = NewName };

    /// <inheritdoc />
    public override string Describe() => $"rename table {Display} to {NewName}";
}
