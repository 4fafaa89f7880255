using Retort.Schema;

namespace Retort.Operations;

/// <summary>Adds a primary key, foreign key, unique or check constraint to an existing table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Constraint">The constraint; its name must be set.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record AddConstraintOperation(string TableName, TableConstraint Constraint, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override bool IsReversible => Constraint.Name is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Constraint.Name is null
        ? throw new IrreversibleOperationException(this, "the constraint has no name to drop it by")
        : new DropConstraintOperation(TableName, Constraint.Name, Schema) { Existing = Constraint };

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (Constraint.Name is not null && table.Constraints.Any(c => c.Name == Constraint.Name))
            throw new RetortException($"Cannot add constraint '{Constraint.Name}' to '{Display}': a constraint of that name exists.");
        foreach (var col in Constraint.ColumnNames) table.GetColumn(col);
        return Constraint switch
        {
            PrimaryKeyConstraint pk => table.PrimaryKey is null ? table with { PrimaryKey = pk }
                : throw new RetortException($"Cannot add a primary key to '{Display}': it already has '{table.PrimaryKey.Name}'. Drop it first."),
            ForeignKeyConstraint fk => table with { ForeignKeys = table.ForeignKeys.Append(fk).ToValueList() },
            UniqueConstraint uq => table with { UniqueConstraints = table.UniqueConstraints.Append(uq).ToValueList() },
            CheckConstraint ck => table with { CheckConstraints = table.CheckConstraints.Append(ck).ToValueList() },
            _ => throw new RetortException($"Unsupported constraint type {Constraint.GetType().Name}."),
        };
    }

    /// <inheritdoc />
    public override string Describe() => $"add {Constraint.ConventionKey} constraint {Constraint.Name} on {Display}";
}
