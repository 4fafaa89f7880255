using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>
/// The schema as a sequence of operations leaves it, without a database: offline mode compiles against it (the
/// SQLite rebuild needs each table's full definition). Raw SQL and code steps are invisible to it.
/// </summary>
public sealed class SchemaTracker : ISchemaSnapshot
{
    private readonly Dictionary<(string?, string), Table> _tables = [];

    /// <summary>Starts from the given tables (empty for a new database).</summary>
    public SchemaTracker(IEnumerable<Table>? tables = null)
    {
        foreach (var t in tables ?? []) _tables[(t.Schema, t.Name)] = t;
    }

    /// <summary>Applies operations to the tracked tables.</summary>
    public void Apply(IEnumerable<MigrationOperation> operations)
    {
        foreach (var op in operations)
        {
            switch (op)
            {
                case CreateTableOperation c: _tables[(c.Table.Schema, c.Table.Name)] = c.Table; break;
                case DropTableOperation d: _tables.Remove((d.Schema, d.Name)); break;
                case TableOperation t when _tables.TryGetValue((t.Schema, t.TableName), out var table):
                    var changed = t.ApplyTo(table);
                    _tables.Remove((t.Schema, t.TableName));
                    _tables[(changed.Schema, changed.Name)] = changed;
                    break;
            }
        }
    }

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
