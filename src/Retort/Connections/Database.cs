using System.Data.Common;
using Retort.Dialects;
using Retort.Schema;

namespace Retort.Connections;

/// <summary>
/// A database Retort can connect to: a dialect plus a connection string (the analogue of SQLAlchemy's
/// <c>create_engine</c>). Open one from a URL (<c>sqlite:///app.db</c>) or from an ADO.NET connection string
/// with the dialect named. Dispose it to release an in-memory database.
/// </summary>
public sealed class Database : IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;
    // An application's data source (its pool, credentials, logging): connections come from it, and it is not ours to dispose.
    private readonly DbDataSource? _dataSource;
    private DbConnection? _keepAlive;

    private Database(Dialect dialect, string connectionString, string displayName, DbDataSource? dataSource = null)
    {
        _dataSource = dataSource;
        Dialect = dialect;
        _connectionString = connectionString;
        DisplayName = displayName;
        if (dialect.Connections.KeepOneConnectionOpen(connectionString))
        {
            // An in-memory database lives as long as one connection to it is open.
            _keepAlive = dialect.Connections.CreateConnection(connectionString);
            _keepAlive.Open();
        }
    }

    /// <summary>
    /// Opens a database from a URL (<c>sqlite:///path.db</c>, <c>postgresql://user:pw@host/db</c>) or, when
    /// <paramref name="dialect"/> is given or the text starts with <c>Dialect=name;</c>, from an ADO.NET connection
    /// string. Errors name what is wrong without echoing a password.
    /// </summary>
    public static Database Open(string urlOrConnectionString, string? dialect = null)
    {
        if (string.IsNullOrWhiteSpace(urlOrConnectionString))
            throw new RetortException("No database given. Pass a URL such as sqlite:///app.db, or a connection string with its dialect.");
        if (DatabaseUrl.LooksLikeUrl(urlOrConnectionString) && dialect is null)
        {
            var url = DatabaseUrl.Parse(urlOrConnectionString);
            var d = FindDialect(url.Scheme, url.ToString());
            return new Database(d, d.Connections.ConnectionStringFromUrl(url), url.ToString());
        }
        var cs = urlOrConnectionString;
        if (dialect is null)
        {
            var builder = TryParseConnectionString(cs);
            if (builder is null || !builder.TryGetValue("Dialect", out var named))
                throw new RetortException($"'{DatabaseUrl.Redact(cs)}' is neither a database URL nor a connection string that names its dialect. " +
                    "Use a URL such as sqlite:///app.db, or prefix the connection string with Dialect=sqlite; (or pass the dialect).");
            dialect = named.ToString()!;
            builder.Remove("Dialect");
            cs = builder.ConnectionString;
        }
        var found = FindDialect(dialect, dialect);
        return new Database(found, cs, found.Name + ": " + found.Connections.RedactConnectionString(cs));
    }

    /// <summary>
    /// Opens a database from a URL or an ADO.NET connection string with <paramref name="dialect"/>, a dialect
    /// instance of the application's own (one configured with options), without registering it.
    /// </summary>
    public static Database Open(string urlOrConnectionString, Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        if (string.IsNullOrWhiteSpace(urlOrConnectionString))
            throw new RetortException("No database given. Pass a URL such as sqlite:///app.db, or a connection string with its dialect.");
        if (!DatabaseUrl.LooksLikeUrl(urlOrConnectionString))
            return new Database(dialect, urlOrConnectionString, dialect.Name + ": " + dialect.Connections.RedactConnectionString(urlOrConnectionString));
        var url = DatabaseUrl.Parse(urlOrConnectionString);
        return new Database(dialect, dialect.Connections.ConnectionStringFromUrl(url), url.ToString());
    }

    /// <summary>
    /// Opens a database whose connections come from an application's <paramref name="dataSource"/> (an
    /// <c>NpgsqlDataSource</c> registered in DI, with its pool and credentials), spoken to with <paramref name="dialect"/>.
    /// Retort opens its connections from it and never disposes it.
    /// </summary>
    /// <exception cref="RetortException">The dialect cannot work through this data source (a setting it needs is off).</exception>
    public static Database Open(DbDataSource dataSource, Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(dialect);
        dialect.Connections.CheckDataSource(dataSource);
        var cs = dataSource.ConnectionString;
        return new Database(dialect, cs, dialect.Name + ": " + dialect.Connections.RedactConnectionString(cs), dataSource);
    }

    private static DbConnectionStringBuilder? TryParseConnectionString(string cs)
    {
        try { return new DbConnectionStringBuilder { ConnectionString = cs }; }
        catch (ArgumentException) { return null; }
    }

    private static Dialect FindDialect(string name, string shown) =>
        DialectRegistry.Find(name) ?? throw DialectRegistry.NotFound(name, shown);

    /// <summary>The dialect.</summary>
    public Dialect Dialect { get; }

    /// <summary>A statement run on every connection after the dialect's own set-up (a fleet tenant's search path), or null.</summary>
    internal string? SessionStatement { get; set; }

    /// <summary>A description safe to print: the URL or connection string with the password hidden.</summary>
    public string DisplayName { get; }

    /// <summary>Opens a new connection, initialised by the dialect.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = _dataSource?.CreateConnection() ?? Dialect.Connections.CreateConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await Dialect.Connections.InitializeConnectionAsync(connection, cancellationToken);
            if (SessionStatement is { } statement)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        // InvalidOperationException: a driver refusing a setting at open (SQLite given a password it cannot use).
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new RetortException((e is DbException db ? Dialect.Connections.ExplainOpenFailure(_connectionString, db) : null)
                ?? $"Cannot connect to {DisplayName}: {Sentence(Dialect.Connections.RedactConnectionString(e.Message))} Check that the database is reachable and the URL is right.", e);
        }
    }

    /// <summary>
    /// True when opening the database would create it, empty: a SQLite file that does not exist yet. Commands that
    /// only read (which revision is applied?) check this first, so a mistyped path leaves no new file behind.
    /// </summary>
    public bool OpeningCreatesDatabase => Dialect.Connections.OpeningCreatesDatabase(_connectionString);

    // A driver's message may lack its full stop; the advice after it is a sentence of its own.
    private static string Sentence(string text)
    {
        text = text.Trim();
        return text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";
    }

    /// <summary>The connection string (with its password): never printed.</summary>
    internal string ConnectionString => _connectionString;

    /// <summary>Creates an empty throwaway database next to this one (see <see cref="DialectConnections.CreateScratchDatabaseAsync"/>).</summary>
    public Task<ScratchDatabase> CreateScratchAsync(CancellationToken cancellationToken = default) =>
        Dialect.Connections.CreateScratchDatabaseAsync(_connectionString, cancellationToken);

    /// <summary>Reads all tables of a schema (null: default) into the schema model.</summary>
    public async Task<IReadOnlyList<Table>> ReflectAsync(string? schema = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await Dialect.Reflection.ReflectAsync(connection, null, schema, cancellationToken);
    }

    /// <summary>Reads one table, or null when it does not exist.</summary>
    public async Task<Table?> ReflectTableAsync(string name, string? schema = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await Dialect.Reflection.ReflectTableAsync(connection, null, name, schema, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
        _keepAlive = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _keepAlive?.Dispose();
        _keepAlive = null;
    }

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}
