namespace Retort.Schema;

/// <summary>The table's primary key (one or more columns).</summary>
/// <param name="Columns">Key columns, in key order.</param>
/// <param name="Name">Constraint name, or null.</param>
public sealed record PrimaryKeyConstraint(ValueList<string> Columns, string? Name = null) : TableConstraint
{
    /// <summary>Creates a primary key over the given columns.</summary>
    public PrimaryKeyConstraint(params string[] columns) : this(columns.ToValueList()) { }

    /// <inheritdoc />
    public override string? Name { get; init; } = Name;

    /// <inheritdoc />
    public override ValueList<string> ColumnNames => Columns;

    /// <inheritdoc />
    public override string ConventionKey => "pk";
}
