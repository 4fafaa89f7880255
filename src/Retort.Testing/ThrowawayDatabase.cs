using Retort.Operations;
using Retort.Connections;
using Retort.Dialects;
using Retort.Migrations;
using Retort.Runner;
using Retort.Schema;

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
            scratch = await dialect.Connections.CreateScratchDatabaseAsync(null, cancellationToken);
        }
        else
        {
            await using var server = Database.Open(serverUrl);
            dialect = server.Dialect;
            scratch = await server.CreateScratchAsync(cancellationToken);
        }
        return new ThrowawayDatabase(Database.Open(scratch.ConnectionString, dialect.Name), scratch);
    }

    /// <summary>Upgrades the database to <paramref name="target"/> (for seeding data at a given revision).</summary>
    public Task UpgradeAsync(RevisionSet revisions, string target = "heads", CancellationToken cancellationToken = default) =>
        new Migrator(Database, revisions).UpgradeAsync(target, cancellationToken);

    /// <summary>Runs SQL with named parameters (an anonymous object or dictionary) and returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        return await Context(connection).ExecuteAsync(sql, parameters, cancellationToken);
    }

    /// <summary>Runs a query and returns its rows.</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        return await Context(connection).QueryAsync(sql, parameters, cancellationToken);
    }

    /// <summary>The user tables as they are now (Retort's own tables left out), for comparing schemas.</summary>
    public async Task<IReadOnlyList<Table>> SchemaAsync(CancellationToken cancellationToken = default) =>
        (await Database.ReflectAsync(null, cancellationToken)).Where(t => !OwnTables.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    private MigrationContext Context(System.Data.Common.DbConnection connection) =>
        new(connection, null, Database.Dialect, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _scratch.Remove();
    }

    private static readonly IReadOnlyCollection<string> OwnTables = new MigratorOptions().OwnTables;
}
