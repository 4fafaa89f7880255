using Retort.Schema;



namespace Retort.Operations;

/// <summary>Drops an index.</summary>
/// <param name="TableName">The table the index is on.</param>
/// <param name="Name">Index name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record DropIndexOperation(string TableName, string Name, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>The index before the drop; makes the drop reversible.</summary>
    public TableIndex? Existing { get; init; }

    /// <summary>Drop without blocking (PostgreSQL <c>CONCURRENTLY</c>), outside the transaction.</summary>
    public bool Concurrently { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped index's definition is not known")
        : new CreateIndexOperation(TableName, Existing, Schema) { Concurrently = Concurrently };

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (!table.Indexes.Any(i => i.Name == Name))
            throw new RetortException($"Cannot drop index '{Name}': table '{Display}' has no index of that name.");
        return table with { Indexes = table.Indexes.Where(i => i.Name != Name).ToValueList() };
    }

    /// <inheritdoc />
    public override string Describe() => $"drop index {Name} on {Display}";
}
