namespace Retort.Schema;

/// <summary>A unique constraint over one or more columns.</summary>
/// <param name="Columns">The columns whose combination must be unique.</param>
/// <param name="Name">Constraint name, or null.</param>
public sealed record UniqueConstraint(ValueList<string> Columns, string? Name = null) : TableConstraint
{
    /// <summary>Creates an unnamed unique constraint over the given columns.</summary>
    public UniqueConstraint(params string[] columns) : this(columns.ToValueList()) { }

    /// <inheritdoc />
    public override string? Name { get; init; } = Name;

    /// <inheritdoc />
    public override ValueList<string> ColumnNames => Columns;

    /// <inheritdoc />
    public override string ConventionKey => "uq";
}
