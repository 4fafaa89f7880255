namespace Retort.Schema;

/// <summary>An index on one or more columns; optionally unique, optionally partial.</summary>
/// <param name="Name">Index name; null lets the naming convention name it.</param>
/// <param name="Columns">Indexed columns (or SQL expressions when <see cref="Expressions"/> is set), in order.</param>
public sealed record TableIndex(string? Name, ValueList<string> Columns) : ITableElement
{
    /// <summary>Creates an index over the given columns.</summary>
    public TableIndex(string? name, params string[] columns) : this(name, columns.ToValueList()) { }

    /// <summary>True for a unique index.</summary>
    public bool Unique { get; init; }

    /// <summary>WHERE condition of a partial index (SQL text), or null.</summary>
    public string? Where { get; init; }

    /// <summary>True when <see cref="Columns"/> holds SQL expressions instead of column names.</summary>
    public bool Expressions { get; init; }
}
