using System.Data.Common;
using Retort.Connections;
using Retort.Dialects;

namespace Retort.Fleet.Internal;

/// <summary>How a fleet opens a target: its dialect and connection string, with the tenant's schema as search path.</summary>
internal static class TargetConnection
{
    /// <summary>A target's dialect, connection string and, for a tenant schema, the statement that makes it the search path.</summary>
    public sealed record Resolved(Dialect Dialect, string ConnectionString, string? SearchPath);

    public static Resolved Resolve(FleetTarget target)
    {
        Dialect dialect;
        string cs;
        if (DatabaseUrl.LooksLikeUrl(target.Url))
        {
            var url = DatabaseUrl.Parse(target.Url);
            dialect = DialectRegistry.Find(url.Scheme) ?? throw DialectRegistry.NotFound(url.Scheme, url.ToString());
            cs = dialect.Connections.ConnectionStringFromUrl(url);
        }
        else
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = target.Url };
            var name = builder.TryGetValue("Dialect", out var named) ? named.ToString()! : throw new FleetInputException(
                $"The target {target.DisplayName} is neither a database URL nor a connection string that names its dialect (Dialect=sqlite;...).");
            dialect = DialectRegistry.Find(name) ?? throw DialectRegistry.NotFound(name, name);
            builder.Remove("Dialect");
            cs = builder.ConnectionString;
        }
        string? searchPath = null;
        if (target.Schema is { } schema)
            searchPath = dialect.Connections.SearchPathStatement(schema) ?? throw new FleetInputException(
                $"--schemas-sql needs a database with schemas (PostgreSQL), and {target.DisplayName} is {dialect.Name}. " +
                "For one SQLite file per tenant, list the files with --targets FILE or --targets-sql. Nothing was changed.");
        return new Resolved(dialect, cs, searchPath);
    }

    /// <summary>
    /// A database for one target's run. A database of its own (a file, a server database) is not pooled: a fleet touches
    /// each once, and a pool per database would keep a connection (a file handle, a server session) open for every target
    /// until the end. The tenant schemas of one database share its connection string, so they share one pool and the
    /// driver's types, loaded once; each connection gets the tenant's search path when it opens (a pooled connection is
    /// reset when it returns).
    /// </summary>
    public static Database Open(Resolved target)
    {
        if (target.SearchPath is { } searchPath)
        {
            var database = Database.Open(target.ConnectionString, target.Dialect);
            database.SessionStatement = searchPath;
            return database;
        }
        var builder = new DbConnectionStringBuilder { ConnectionString = target.ConnectionString };
        builder["Pooling"] = "False";
        return Database.Open(builder.ConnectionString, target.Dialect);
    }
}
