using Retort.Connections;
using Retort.Dialects;

namespace Retort.Testing;

/// <summary>
/// An empty database that exists for one test and is removed when disposed: a temporary SQLite file, or a fresh
/// database on a PostgreSQL server (the server's own database is only connected to).
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly ScratchDatabase _scratch;

    private ThrowawayDatabase(Database database, ScratchDatabase scratch)
    {
        Database = database;
        _scratch = scratch;
    }

    /// <summary>The database.</summary>
    public Database Database { get; }

    /// <summary>A temporary SQLite file (the Retort.Sqlite assembly must be loaded or next to the application).</summary>
    public static Task<ThrowawayDatabase> CreateSqliteAsync(CancellationToken cancellationToken = default) =>
        CreateAsync(null, cancellationToken);

    /// <summary>
    /// A throwaway database on the server <paramref name="serverUrl"/> names (a URL or <c>Dialect=…;</c>
    /// connection string), or a temporary SQLite file when it is null.
    /// </summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string? serverUrl, CancellationToken cancellationToken = default)
    {
        ScratchDatabase scratch;
        Dialect dialect;
        if (serverUrl is null)
        {
            dialect = DialectRegistry.Find("sqlite") ?? throw new RetortException("A throwaway SQLite database needs the Retort.Sqlite assembly; reference it from the test project.");
            scratch = await dialect.CreateScratchDatabaseAsync(null, cancellationToken);
        }
        else
        {
            await using var server = Database.Open(serverUrl);
            dialect = server.Dialect;
            scratch = await server.CreateScratchAsync(cancellationToken);
        }
        return new ThrowawayDatabase(Database.Open(scratch.ConnectionString, dialect.Name), scratch);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _scratch.Remove();
    }
}
