using System.Data.Common;
using Retort.Schema;

namespace Retort.Dialects;

/// <summary>
/// The current definition of tables, as a dialect needs it while compiling operations (the SQLite rebuild
/// must know the whole table). Online it reflects the live database inside the running transaction; offline it
/// is the model the earlier operations produced.
/// </summary>
public interface ISchemaSnapshot
{
    /// <summary>The table as it is now, or null when it does not exist.</summary>
    Task<Table?> GetTableAsync(string name, string? schema, CancellationToken cancellationToken);

    /// <summary>The live connection, or null offline (dialects query dependent objects such as views through it).</summary>
    DbConnection? Connection { get; }

    /// <summary>The running transaction, or null.</summary>
    DbTransaction? Transaction { get; }

    /// <summary>Whether the table exists (cheaper than reading it where the dialect can tell directly).</summary>
    async Task<bool> TableExistsAsync(string name, string? schema, CancellationToken cancellationToken) =>
        await GetTableAsync(name, schema, cancellationToken) is not null;

    /// <summary>
    /// Offline: a description of the raw SQL or C# code that may have changed the table where the tracked schema cannot
    /// see it (so objects on it, such as indexes, triggers or views, may be unknown), or null when its shape is fully
    /// known. Online, where the database itself is read, always null.
    /// </summary>
    string? UntrackedChange(string name, string? schema) => null;

    /// <summary>All tables in a schema as they are now (used to find views, triggers and referencing tables).</summary>
    Task<IReadOnlyList<Table>> GetTablesAsync(string? schema, CancellationToken cancellationToken);
}
