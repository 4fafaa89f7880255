namespace Retort.Schema;

/// <summary>
/// A column: name, type, nullability, server default and comment. The constructor also takes SQLAlchemy-style
/// shortcuts (<c>primaryKey</c>, <c>unique</c>, <c>index</c>, <c>references</c>) that the owning
/// <see cref="Table"/> turns into constraints and indexes; they are not part of the column's value.
/// </summary>
public sealed record Column : ITableElement
{
    /// <summary>Creates a column.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="type">Column type.</param>
    /// <param name="nullable">Whether NULL is allowed; defaults to true, or false for a primary key column.</param>
    /// <param name="primaryKey">Make this column (part of) the table's primary key.</param>
    /// <param name="unique">Add a single-column unique constraint.</param>
    /// <param name="index">Add a single-column index.</param>
    /// <param name="references">Add a foreign key to <c>"table.column"</c>.</param>
    /// <param name="serverDefault">Default applied by the database.</param>
    /// <param name="comment">Column comment.</param>
    public Column(string name, SqlType type, bool? nullable = null, bool primaryKey = false, bool unique = false,
        bool index = false, string? references = null, ServerDefault? serverDefault = null, string? comment = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A column needs a non-empty name.", nameof(name));
        Name = name;
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Nullable = nullable ?? !primaryKey;
        Default = serverDefault;
        Comment = comment;
        Hints = new ColumnHints(primaryKey, unique, index, references);
    }

    /// <summary>Column name.</summary>
    public string Name { get; init; }

    /// <summary>Column type.</summary>
    public SqlType Type { get; init; }

    /// <summary>Whether NULL is allowed.</summary>
    public bool Nullable { get; init; }

    /// <summary>Server default, or null.</summary>
    public ServerDefault? Default { get; init; }

    /// <summary>Comment, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>
    /// True when the database generates values (PostgreSQL identity). On SQLite an INTEGER primary key is the
    /// rowid and always generates values, so the flag is not needed there.
    /// </summary>
    public bool Identity { get; init; }

    /// <summary>Constructor shortcuts, consumed by <see cref="Table"/>; excluded from equality.</summary>
    internal ColumnHints Hints { get; init; }

    /// <inheritdoc />
    public bool Equals(Column? other) =>
        other is not null && Name == other.Name && Type == other.Type && Nullable == other.Nullable
        && Equals(Default, other.Default) && Comment == other.Comment && Identity == other.Identity;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Type, Nullable, Default, Comment, Identity);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} {Type}{(Nullable ? "" : " NOT NULL")}{(Default is null ? "" : " DEFAULT " + Default)}" +
        $"{(Identity ? " IDENTITY" : "")}{(Comment is null ? "" : " -- " + Comment)}";
}

/// <summary>Column-level shortcuts that become table constraints.</summary>
internal sealed record ColumnHints(bool PrimaryKey, bool Unique, bool Index, string? References);
