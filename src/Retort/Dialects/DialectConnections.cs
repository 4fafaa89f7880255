using System.Data.Common;

namespace Retort.Dialects;

/// <summary>
/// How a dialect reaches its database: URLs to connection strings, connections and their session settings,
/// the errors of opening one in the database's own terms, and throwaway databases for tests.
/// </summary>
public abstract class DialectConnections
{
    /// <summary>Turns a parsed URL into an ADO.NET connection string. Errors never include the password.</summary>
    public abstract string ConnectionStringFromUrl(DatabaseUrl url);

    /// <summary>Creates an unopened connection.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>The connection string with any password replaced, safe to print.</summary>
    public abstract string RedactConnectionString(string connectionString);

    /// <summary>
    /// Refuses an application's <see cref="DbDataSource"/> that Retort cannot work through (a setting it needs is off),
    /// with a message that says which setting to change; the default accepts any.
    /// </summary>
    public virtual void CheckDataSource(DbDataSource dataSource) { }

    /// <summary>True when a connection must stay open for the database to exist (an in-memory database).</summary>
    public virtual bool KeepOneConnectionOpen(string connectionString) => false;

    /// <summary>Runs once on every connection Retort opens (session settings).</summary>
    public virtual Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A one-paragraph message for a failure to open or initialise a connection that names what is wrong in this
    /// database's terms (a missing folder, a file that is not a database, a lock held by another writer), or null
    /// for the generic "cannot connect" message. It must not contain a password.
    /// </summary>
    public virtual string? ExplainOpenFailure(string connectionString, DbException exception) => null;

    /// <summary>
    /// True when opening the database would create it, empty (a SQLite file that does not exist yet), so a command
    /// that only reads can say so instead of leaving a new file behind. False when it exists or the dialect cannot
    /// tell without connecting.
    /// </summary>
    public virtual bool OpeningCreatesDatabase(string connectionString) => false;

    /// <summary>
    /// The statement that makes <paramref name="schema"/> the session's search path, so unqualified names resolve in it
    /// (a schema-per-tenant fleet), or null when the database has no schemas (the default). It is sent on each opened
    /// connection rather than written into the connection string, so every schema of a database shares one driver data
    /// source (its pool and its loaded types).
    /// </summary>
    public virtual string? SearchPathStatement(string schema) => null;

    /// <summary>True when <paramref name="exception"/> says the database or its disk is full.</summary>
    public virtual bool IsStorageFull(DbException exception) => false;

    /// <summary>
    /// Creates an empty throwaway database for tests next to the one <paramref name="connectionString"/> names
    /// (SQLite: a temporary file; a server database: a fresh database on the same server) and returns its
    /// connection string and how to remove it. The default refuses.
    /// </summary>
    public virtual Task<ScratchDatabase> CreateScratchDatabaseAsync(string? connectionString, CancellationToken cancellationToken) =>
        throw new RetortException("This dialect cannot create throwaway databases for tests.");
}
