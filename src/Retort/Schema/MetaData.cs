namespace Retort.Schema;

/// <summary>
/// A collection of tables that together describe a database schema (SQLAlchemy's <c>MetaData</c>). Tables
/// created with this metadata get their constraint and index names from its <see cref="Convention"/>.
/// </summary>
public sealed class MetaData
{
    private readonly List<Table> _tables = [];

    /// <summary>Creates an empty metadata.</summary>
    /// <param name="convention">Naming convention; <see cref="NamingConvention.Default"/> when null.</param>
    /// <param name="schema">Default schema of the tables, or null for the database's default.</param>
    public MetaData(NamingConvention? convention = null, string? schema = null)
    {
        Convention = convention ?? NamingConvention.Default;
        Schema = schema;
    }

    /// <summary>The naming convention applied to tables created with this metadata.</summary>
    public NamingConvention Convention { get; }

    /// <summary>Default schema of the tables.</summary>
    public string? Schema { get; }

    /// <summary>Tables in the order they were added.</summary>
    public IReadOnlyList<Table> Tables => _tables;

    /// <summary>The table with this name (and schema), or null.</summary>
    public Table? Find(string name, string? schema = null) =>
        _tables.FirstOrDefault(t => t.Name == name && t.Schema == (schema ?? Schema));

    /// <summary>The table with this name; throws when there is none.</summary>
    public Table this[string name] => Find(name) ?? throw new RetortException($"The metadata has no table '{name}'.");

    /// <summary>Adds a table, or replaces the table of the same name and schema.</summary>
    public MetaData Add(Table table)
    {
        var i = _tables.FindIndex(t => t.Name == table.Name && t.Schema == table.Schema);
        if (i >= 0) _tables[i] = table; else _tables.Add(table);
        return this;
    }

    /// <summary>Removes a table if present.</summary>
    public bool Remove(string name, string? schema = null) =>
        _tables.RemoveAll(t => t.Name == name && t.Schema == (schema ?? Schema)) > 0;

    /// <summary>
    /// Tables ordered so that every table comes after the tables its foreign keys refer to (create order;
    /// reverse it to drop). Self references are ignored; a cycle between tables keeps declaration order for the
    /// tables on the cycle.
    /// </summary>
    public IReadOnlyList<Table> SortedTables => SortByDependency(_tables);

    /// <summary>Orders any set of tables by their foreign keys (referred tables first).</summary>
    public static IReadOnlyList<Table> SortByDependency(IReadOnlyList<Table> tables)
    {
        var byKey = tables.ToDictionary(t => (t.Schema, t.Name));
        var result = new List<Table>(tables.Count);
        var state = new Dictionary<(string?, string), int>(); // 1 = visiting, 2 = done
        void Visit(Table t)
        {
            var key = (t.Schema, t.Name);
            if (state.TryGetValue(key, out var s)) return; // done, or a cycle: stop here
            state[key] = 1;
            foreach (var fk in t.ForeignKeys)
                if (byKey.TryGetValue((fk.ReferredSchema ?? t.Schema, fk.ReferredTable), out var referred) && referred != t)
                    Visit(referred);
            state[key] = 2;
            result.Add(t);
        }
        foreach (var t in tables) Visit(t);
        return result;
    }
}
