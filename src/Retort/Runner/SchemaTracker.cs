using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>
/// The schema as a sequence of operations leaves it, without a database: offline mode compiles against it (the
/// SQLite rebuild needs each table's full definition). What raw SQL and C# code do is invisible to it, so it remembers
/// which tables raw SQL that changes the schema (CREATE, ALTER, DROP) mentioned, and which tables existed when C# code
/// ran: their full shape is unknown.
/// </summary>
public sealed class SchemaTracker : ISchemaSnapshot
{
    private readonly Dictionary<(string?, string), Table> _tables = [];
    private readonly Dictionary<(string?, string), string> _untracked = [];

    /// <summary>Starts from the given tables (empty for a new database).</summary>
    public SchemaTracker(IEnumerable<Table>? tables = null)
    {
        foreach (var t in tables ?? []) _tables[(t.Schema, t.Name)] = t;
    }

    /// <summary>Applies operations to the tracked tables; <paramref name="revision"/> names where they come from, for messages.</summary>
    public void Apply(IEnumerable<MigrationOperation> operations, string? revision = null)
    {
        foreach (var op in operations)
        {
            switch (op)
            {
                case CreateTableOperation c:
                    _tables[(c.Table.Schema, c.Table.Name)] = c.Table;
                    _untracked.Remove((c.Table.Schema, c.Table.Name));
                    break;
                case DropTableOperation d:
                    _tables.Remove((d.Schema, d.Name));
                    _untracked.Remove((d.Schema, d.Name));
                    break;
                case RenameTableOperation r when _untracked.Remove((r.Schema, r.TableName), out var change):
                    _untracked[(r.Schema, r.NewName)] = change;
                    goto default;
                case ExecuteSqlOperation e when ChangesSchema(e.Sql):
                    // The statement may create, change or drop anything it names; a name it mentions is enough to distrust.
                    foreach (var key in _tables.Keys.Where(k => SqlText.MentionsIdentifier(e.Sql, k.Item2)).ToList())
                        _untracked[key] = $"revision {revision ?? "(unknown)"} changed it with raw SQL ({e.Describe()})";
                    break;
                case CodeStepOperation c:
                    // C# code may have done anything to any table (a script that renders it is refused anyway).
                    foreach (var key in _tables.Keys.ToList())
                        _untracked.TryAdd(key, $"revision {revision ?? "(unknown)"} ran C# code ('{c.Description}') that may have changed it");
                    break;
                default:
                    if (op is TableOperation t && _tables.TryGetValue((t.Schema, t.TableName), out var table))
                    {
                        var changed = t.ApplyTo(table);
                        _tables.Remove((t.Schema, t.TableName));
                        _tables[(changed.Schema, changed.Name)] = changed;
                    }
                    break;
            }
        }
    }

    private static bool ChangesSchema(string sql) =>
        SqlText.MentionsIdentifier(sql, "CREATE") || SqlText.MentionsIdentifier(sql, "ALTER") || SqlText.MentionsIdentifier(sql, "DROP");

    /// <inheritdoc />
    public string? UntrackedChange(string name, string? schema) => _untracked.GetValueOrDefault((schema, name));

    /// <summary>The tracked tables.</summary>
    public IReadOnlyCollection<Table> Tables => _tables.Values;

    /// <inheritdoc />
    public System.Data.Common.DbConnection? Connection => null;

    /// <inheritdoc />
    public System.Data.Common.DbTransaction? Transaction => null;

    /// <inheritdoc />
    public Task<Table?> GetTableAsync(string name, string? schema, CancellationToken cancellationToken) =>
        Task.FromResult(_tables.GetValueOrDefault((schema, name)));

    /// <inheritdoc />
    public Task<IReadOnlyList<Table>> GetTablesAsync(string? schema, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Table>>(_tables.Values.Where(t => t.Schema == schema).ToList());
}
