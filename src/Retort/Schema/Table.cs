namespace Retort.Schema;

/// <summary>
/// A table: columns, keys, constraints, indexes, comment and dialect options. Built like SQLAlchemy's
/// <c>Table(name, metadata, *elements)</c>; immutable, and equal to another table when both describe the same
/// schema (constraint and index order does not matter).
/// </summary>
public sealed record Table
{
    private readonly ValueList<ForeignKeyConstraint> _foreignKeys = ValueList<ForeignKeyConstraint>.Empty;
    private readonly ValueList<UniqueConstraint> _uniques = ValueList<UniqueConstraint>.Empty;
    private readonly ValueList<CheckConstraint> _checks = ValueList<CheckConstraint>.Empty;
    private readonly ValueList<TableIndex> _indexes = ValueList<TableIndex>.Empty;
    private readonly ValueList<TableOption> _options = ValueList<TableOption>.Empty;

    /// <summary>Creates a table and adds it to <paramref name="metadata"/>, naming constraints by its convention.</summary>
    public Table(string name, MetaData metadata, params ITableElement[] elements)
        : this(name, metadata.Schema, metadata.Convention, elements)
    {
        metadata.Add(this);
    }

    /// <summary>Creates a table outside any metadata, named by <see cref="NamingConvention.Default"/>.</summary>
    public Table(string name, params ITableElement[] elements)
        : this(name, null, NamingConvention.Default, elements) { }

    /// <summary>Creates a table in a schema with the given naming convention.</summary>
    public Table(string name, string? schema, NamingConvention convention, params ITableElement[] elements)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A table needs a non-empty name.", nameof(name));
        Name = name;
        Schema = schema;
        var columns = new List<Column>();
        var pkColumns = new List<string>();
        PrimaryKeyConstraint? pk = null;
        var fks = new List<ForeignKeyConstraint>();
        var uqs = new List<UniqueConstraint>();
        var cks = new List<CheckConstraint>();
        var ixs = new List<TableIndex>();
        var options = new List<TableOption>();
        foreach (var element in elements)
        {
            switch (element)
            {
                case Column c:
                    if (columns.Any(x => x.Name == c.Name))
                        throw new ArgumentException($"Table '{name}' declares column '{c.Name}' twice.", nameof(elements));
                    columns.Add(c with { Hints = new ColumnHints(false, false, false, null) });
                    if (c.Hints.PrimaryKey) pkColumns.Add(c.Name);
                    if (c.Hints.Unique) uqs.Add(new UniqueConstraint(c.Name));
                    if (c.Hints.Index) ixs.Add(new TableIndex(null, c.Name));
                    if (c.Hints.References is { } target) fks.Add(ParseReference(name, c.Name, target));
                    break;
                case PrimaryKeyConstraint p: pk = p; break;
                case ForeignKeyConstraint f: fks.Add(f); break;
                case UniqueConstraint u: uqs.Add(u); break;
                case CheckConstraint k: cks.Add(k); break;
                case TableIndex i: ixs.Add(i); break;
                case TableOption o: options.Add(o); break;
                default: throw new ArgumentException($"Unsupported table element {element?.GetType().Name}.", nameof(elements));
            }
        }
        if (pk is not null && pkColumns.Count > 0)
            throw new ArgumentException($"Table '{name}' has both primaryKey columns and a PrimaryKeyConstraint; use one.", nameof(elements));
        pk ??= pkColumns.Count > 0 ? new PrimaryKeyConstraint(pkColumns.ToValueList()) : null;

        Columns = columns.ToValueList();
        foreach (var col in AllConstraintColumns(pk, fks, uqs, ixs))
            if (!columns.Any(c => c.Name == col))
                throw new ArgumentException($"Table '{name}' has a constraint or index on column '{col}', which it does not declare.", nameof(elements));

        var unnamedChecks = 0;
        PrimaryKey = pk is null ? null : pk with { Name = pk.Name ?? convention.Apply(convention.PrimaryKey, name, pk.Columns, null, null) };
        ForeignKeys = fks.Select(f => f with { Name = f.Name ?? convention.Apply(convention.ForeignKey, name, f.Columns, f.ReferredTable, null) }).ToValueList();
        UniqueConstraints = uqs.Select(u => u with { Name = u.Name ?? convention.Apply(convention.Unique, name, u.Columns, null, null) }).ToValueList();
        CheckConstraints = cks.Select(k => k with
        {
            Name = convention.Check is null ? k.Name
                : convention.Apply(convention.Check, name, [], null, k.Name ?? (++unnamedChecks).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }).ToValueList();
        Indexes = ixs.Select(i => i with { Name = i.Name ?? convention.Apply(convention.Index, name, i.Columns, null, null) ?? throw new ArgumentException($"An index on table '{name}' needs a name (the naming convention gives none).") }).ToValueList();
        Options = options.ToValueList();
    }

    private Table(string name) => Name = name;

    /// <summary>
    /// Creates a table exactly as described, applying no naming convention. Used by reflection and by
    /// operations that edit a table; names are taken as given.
    /// </summary>
    public static Table Create(string name, string? schema, IEnumerable<Column> columns, PrimaryKeyConstraint? primaryKey = null,
        IEnumerable<ForeignKeyConstraint>? foreignKeys = null, IEnumerable<UniqueConstraint>? uniqueConstraints = null,
        IEnumerable<CheckConstraint>? checkConstraints = null, IEnumerable<TableIndex>? indexes = null, string? comment = null,
        IEnumerable<TableOption>? options = null) =>
        new(name)
        {
            Schema = schema,
            Columns = columns.ToValueList(),
            PrimaryKey = primaryKey,
            ForeignKeys = (foreignKeys ?? []).ToValueList(),
            UniqueConstraints = (uniqueConstraints ?? []).ToValueList(),
            CheckConstraints = (checkConstraints ?? []).ToValueList(),
            Indexes = (indexes ?? []).ToValueList(),
            Comment = comment,
            Options = (options ?? []).ToValueList(),
        };

    /// <summary>Table name.</summary>
    public string Name { get; init; }

    /// <summary>Schema, or null for the database's default schema.</summary>
    public string? Schema { get; init; }

    /// <summary>Columns in declaration order.</summary>
    public ValueList<Column> Columns { get; init; } = ValueList<Column>.Empty;

    /// <summary>Primary key, or null.</summary>
    public PrimaryKeyConstraint? PrimaryKey { get; init; }

    /// <summary>Foreign keys, ordered by name.</summary>
    public ValueList<ForeignKeyConstraint> ForeignKeys { get => _foreignKeys; init => _foreignKeys = Sort(value, f => f.Name, f => string.Join(",", f.Columns) + ">" + f.ReferredTable); }

    /// <summary>Unique constraints, ordered by name.</summary>
    public ValueList<UniqueConstraint> UniqueConstraints { get => _uniques; init => _uniques = Sort(value, u => u.Name, u => string.Join(",", u.Columns)); }

    /// <summary>Check constraints, ordered by name then expression.</summary>
    public ValueList<CheckConstraint> CheckConstraints { get => _checks; init => _checks = Sort(value, c => c.Name, c => c.Expression); }

    /// <summary>Indexes, ordered by name.</summary>
    public ValueList<TableIndex> Indexes { get => _indexes; init => _indexes = Sort(value, i => i.Name, i => string.Join(",", i.Columns)); }

    /// <summary>Table comment, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>Dialect options (for example SQLite STRICT), ordered by key.</summary>
    public ValueList<TableOption> Options { get => _options; init => _options = Sort(value, o => o.Key, o => o.Value); }

    /// <summary>Schema-qualified name for messages: <c>schema.table</c> or <c>table</c>.</summary>
    public string DisplayName => Schema is null ? Name : Schema + "." + Name;

    /// <summary>The column with this name, or null.</summary>
    public Column? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The column with this name; throws a clear error when the table has none.</summary>
    public Column GetColumn(string name) =>
        FindColumn(name) ?? throw new RetortException($"Table '{DisplayName}' has no column '{name}'. Its columns are: {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>All constraints (primary key, foreign keys, uniques, checks).</summary>
    public IEnumerable<TableConstraint> Constraints =>
        (PrimaryKey is null ? [] : new TableConstraint[] { PrimaryKey }).Concat(ForeignKeys).Concat(UniqueConstraints).Concat(CheckConstraints);

    /// <summary>The value of a dialect option, or null.</summary>
    public string? GetOption(string key) => Options.FirstOrDefault(o => o.Key == key)?.Value;

    private static ForeignKeyConstraint ParseReference(string table, string column, string target)
    {
        var dot = target.LastIndexOf('.');
        if (dot <= 0 || dot == target.Length - 1)
            throw new ArgumentException($"Column '{table}.{column}' references '{target}'; write it as \"table.column\".");
        var referred = target[..dot];
        string? schema = null;
        var schemaDot = referred.LastIndexOf('.');
        if (schemaDot > 0) { schema = referred[..schemaDot]; referred = referred[(schemaDot + 1)..]; }
        return new ForeignKeyConstraint(column, referred, target[(dot + 1)..]) { ReferredSchema = schema };
    }

    private static IEnumerable<string> AllConstraintColumns(PrimaryKeyConstraint? pk, List<ForeignKeyConstraint> fks, List<UniqueConstraint> uqs, List<TableIndex> ixs) =>
        (pk?.Columns ?? ValueList<string>.Empty).Concat(fks.SelectMany(f => f.Columns)).Concat(uqs.SelectMany(u => u.Columns))
            .Concat(ixs.Where(i => !i.Expressions).SelectMany(i => i.Columns));

    private static ValueList<T> Sort<T>(ValueList<T> items, Func<T, string?> name, Func<T, string> tieBreak) =>
        items.OrderBy(i => name(i) ?? "", StringComparer.Ordinal).ThenBy(tieBreak, StringComparer.Ordinal).ToValueList();

    /// <inheritdoc />
    public override string ToString() => $"Table {DisplayName} ({string.Join(", ", Columns)})";
}
