using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Retort.Connections;
using Retort.Dialects;

namespace Retort.Sqlite.Internal;

/// <summary>SQLite's URLs, connections (foreign keys on, the file's header read at open), open errors and scratch files.</summary>
internal sealed class SqliteConnections : DialectConnections
{
    /// <inheritdoc />
    public override string ConnectionStringFromUrl(DatabaseUrl url)
    {
        if (url.Host is not null || url.User is not null)
            throw new RetortException($"The SQLite URL '{url}' names a host or user; SQLite URLs name a file: sqlite:///relative/path.db, sqlite:////absolute/path.db, or sqlite:// for an in-memory database.");
        var builder = new SqliteConnectionStringBuilder();
        if (url.Database.Length == 0)
        {
            builder.DataSource = "retort-memory-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            // sqlite:///rel.db leaves "rel.db"; sqlite:////abs.db leaves "/abs.db".
            builder.DataSource = url.Database;
        }
        foreach (var (key, value) in url.Query)
        {
            switch (key.ToLowerInvariant())
            {
                case "mode": builder.Mode = Enum.Parse<SqliteOpenMode>(value, ignoreCase: true); break;
                case "cache": builder.Cache = Enum.Parse<SqliteCacheMode>(value, ignoreCase: true); break;
                case "timeout": builder.DefaultTimeout = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    throw new RetortException($"The SQLite URL '{url}' has an unknown parameter '{key}'. Known: mode, cache, timeout.");
            }
        }
        return builder.ConnectionString;
    }

    /// <inheritdoc />
    public override DbConnection CreateConnection(string connectionString)
    {
        try { return new SqliteConnection(connectionString); }
        catch (ArgumentException e)
        {
            throw new RetortException($"The SQLite connection string '{RedactConnectionString(connectionString)}' is invalid: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string RedactConnectionString(string connectionString) => ConnectionStringRedactor.Redact(connectionString);

    /// <inheritdoc />
    public override bool KeepOneConnectionOpen(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) is var b && (b.Mode == SqliteOpenMode.Memory || b.DataSource == ":memory:");

    /// <inheritdoc />
    public override async Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Enforce foreign keys on every connection Retort opens (SQLite leaves them off by default). Reading the
        // schema version reads the file's header: a file that is not a database fails here, named, not mid-command.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA schema_version";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <inheritdoc />
    public override string? ExplainOpenFailure(string connectionString, DbException exception)
    {
        if (exception is not SqliteException e) return null;
        var path = FilePath(connectionString);
        var shown = path ?? "(in memory)";
        return e.SqliteErrorCode switch
        {
            SqliteCantOpen when path is not null && Path.GetDirectoryName(path) is { Length: > 0 } folder && !Directory.Exists(folder) =>
                $"Cannot open the SQLite database {path}: the folder {folder} does not exist. Create the folder, or correct the path in the URL " +
                "(sqlite:///relative/path.db is relative to the environment's folder, sqlite:////absolute/path.db is absolute).",
            SqliteCantOpen when path is not null && Directory.Exists(path) =>
                $"Cannot open the SQLite database {path}: it is a folder, not a file. Give the path of a database file in the URL.",
            SqliteNotADatabase =>
                $"The file {shown} is not a SQLite database (SQLite: file is not a database). Check the path in the URL; " +
                "a file that does not exist yet is created as a new database.",
            SqliteBusy or SqliteLocked => Locked(shown, connectionString),
            _ => $"Cannot open the SQLite database {shown}: {e.Message} Check the path in the URL and that the file can be read and written.",
        };
    }

    /// <inheritdoc />
    public override bool OpeningCreatesDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.ReadWriteCreate && FilePath(connectionString) is { } path && !File.Exists(path);
    }

    /// <inheritdoc />
    public override bool IsStorageFull(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteFull };

    /// <summary>The database file's full path, or null for an in-memory database.</summary>
    private static string? FilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
        return Path.GetFullPath(source);
    }

    /// <summary>The error for a write lock another connection held longer than the busy timeout.</summary>
    private static string Locked(string path, string connectionString)
    {
        var seconds = new SqliteConnectionStringBuilder(connectionString).DefaultTimeout;
        return $"The SQLite database {path} is locked by another writer: another connection (a migration run, the application, a sqlite3 shell) " +
            $"holds its write lock, and Retort waited {seconds.ToString(CultureInfo.InvariantCulture)} s for it. Run the command again when that " +
            "writer has finished, or let Retort wait longer with ?timeout=SECONDS in the URL.";
    }

    /// <summary>Translates SQLite's "database is locked" at the start of a write transaction into <see cref="Locked"/>.</summary>
    internal static DbTransaction BeginImmediate(SqliteConnection connection)
    {
        try { return connection.BeginTransaction(deferred: false); }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new RetortException(Locked(FilePath(connection.ConnectionString) ?? "(in memory)", connection.ConnectionString), e);
        }
    }

    /// <inheritdoc />
    public override Task<ScratchDatabase> CreateScratchDatabaseAsync(string? connectionString, CancellationToken cancellationToken)
    {
        // Always a new temporary file: the database the connection string names (if any) is never touched.
        var dir = Path.Combine(Path.GetTempPath(), "retort-scratch-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dir, "scratch.db"), Pooling = false };
        return Task.FromResult(new ScratchDatabase(builder.ConnectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }));
    }
}
