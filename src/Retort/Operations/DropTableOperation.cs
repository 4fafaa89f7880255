using Retort.Schema;

namespace Retort.Operations;

/// <summary>Drops a table.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record DropTableOperation(string Name, string? Schema = null) : MigrationOperation
{
    /// <summary>The table's definition before the drop; makes the drop reversible.</summary>
    public Table? Existing { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped table's definition is not known")
        : new CreateTableOperation(Existing);

    /// <inheritdoc />
    public override string Describe() => $"drop table {(Schema is null ? Name : Schema + "." + Name)}";
}
