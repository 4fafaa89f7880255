using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Retort.Sqlite;

public sealed partial class SqliteDialect
{
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
    private static DbTransaction BeginImmediate(SqliteConnection connection)
    {
        try { return connection.BeginTransaction(deferred: false); }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new RetortException(Locked(FilePath(connection.ConnectionString) ?? "(in memory)", connection.ConnectionString), e);
        }
    }
}
