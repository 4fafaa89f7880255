namespace Retort.Schema;

/// <summary>A foreign key from <see cref="Columns"/> to <see cref="ReferredColumns"/> of another table.</summary>
/// <param name="Columns">Referencing columns in this table.</param>
/// <param name="ReferredTable">The referenced table.</param>
/// <param name="ReferredColumns">The referenced columns, in the same order.</param>
/// <param name="Name">Constraint name, or null.</param>
public sealed record ForeignKeyConstraint(
    ValueList<string> Columns,
    string ReferredTable,
    ValueList<string> ReferredColumns,
    string? Name = null) : TableConstraint
{
    /// <inheritdoc />
    public override string? Name { get; init; } = Name;

    /// <summary>Schema of the referenced table; null means the same schema as the referencing table.</summary>
    public string? ReferredSchema { get; init; }

    /// <summary>Action on delete of the referenced row.</summary>
    public ReferentialAction OnDelete { get; init; }

    /// <summary>Action on update of the referenced key.</summary>
    public ReferentialAction OnUpdate { get; init; }

    /// <summary>Creates a single-column foreign key.</summary>
    public ForeignKeyConstraint(string column, string referredTable, string referredColumn, string? name = null)
        : this(ValueList.Of(column), referredTable, ValueList.Of(referredColumn), name) { }

    /// <inheritdoc />
    public override ValueList<string> ColumnNames => Columns;

    /// <inheritdoc />
    public override string ConventionKey => "fk";
}
