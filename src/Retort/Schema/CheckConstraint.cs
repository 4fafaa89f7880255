namespace Retort.Schema;

/// <summary>A CHECK constraint with a SQL boolean expression.</summary>
/// <param name="Expression">The condition, as SQL text (rendered verbatim).</param>
/// <param name="Name">Constraint name, or null for an unnamed check.</param>
public sealed record CheckConstraint(string Expression, string? Name = null) : TableConstraint
{
    /// <inheritdoc />
    public override string? Name { get; init; } = Name;

    /// <inheritdoc />
    public override ValueList<string> ColumnNames => ValueList<string>.Empty;

    /// <inheritdoc />
    public override string ConventionKey => "ck";
}
