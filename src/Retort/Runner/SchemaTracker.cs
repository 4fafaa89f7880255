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

    /// <summary>
    /// Applies operations to the tracked tables, each as its registration says (<see cref="OperationRegistration.Track"/>);
    /// <paramref name="revision"/> names where they come from, for messages.
    /// </summary>
    public void Apply(IEnumerable<MigrationOperation> operations, string? revision = null)
    {
        var tracked = new Tracked(this, revision);
        foreach (var op in operations)
        {
            // A dialect's recipe step changes the tables as the operation it stands for does, once.
            if (op is Dialects.RecipeStep step)
            {
                if (step.AppliesSource) OperationRegistry.For(step.Source).Track(step.Source, tracked);
                continue;
            }
            OperationRegistry.For(op).Track(op, tracked);
        }
    }

    // What a registration may do to the tracked tables, for the revision being applied.
    private sealed class Tracked(SchemaTracker tracker, string? revision) : TrackedSchema
    {
        public override string? Revision => revision;

        public override IReadOnlyCollection<Table> Tables => tracker._tables.Values;

        public override Table? Find(string name, string? schema) => tracker._tables.GetValueOrDefault((schema, name));

        public override void Put(Table table)
        {
            tracker._tables[(table.Schema, table.Name)] = table;
            tracker._untracked.Remove((table.Schema, table.Name));
        }

        public override void Remove(string name, string? schema)
        {
            tracker._tables.Remove((schema, name));
            tracker._untracked.Remove((schema, name));
        }

        public override void Replace(string name, string? schema, Table changed)
        {
            tracker._tables.Remove((schema, name));
            tracker._tables[(changed.Schema, changed.Name)] = changed;
            if ((changed.Schema, changed.Name) != (schema, name) && tracker._untracked.Remove((schema, name), out var why))
                tracker._untracked[(changed.Schema, changed.Name)] = why;
        }

        public override string? UntrackedChange(string name, string? schema) => tracker.UntrackedChange(name, schema);

        public override void MarkUntracked(string name, string? schema, string why) => tracker._untracked[(schema, name)] = why;
    }

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
