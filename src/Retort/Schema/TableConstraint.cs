namespace Retort.Schema;

/// <summary>A constraint declared on a table: primary key, foreign key, unique or check.</summary>
public abstract record TableConstraint : ITableElement
{
    /// <summary>The constraint's name; null when the database names it (or it has no name).</summary>
    public abstract string? Name { get; init; }

    /// <summary>The columns the constraint covers (empty for a check).</summary>
    public abstract ValueList<string> ColumnNames { get; }

    /// <summary>Short kind used by naming conventions: pk, fk, uq, ck.</summary>
    public abstract string ConventionKey { get; }
}
