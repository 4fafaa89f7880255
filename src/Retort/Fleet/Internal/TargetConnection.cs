using System.Data.Common;
using Retort.Connections;
using Retort.Dialects;

namespace Retort.Fleet.Internal;

/// <summary>How a fleet opens a target: its dialect and connection string, with the tenant's schema as search path.</summary>
internal static class TargetConnection
{
    public static (Dialect Dialect, string ConnectionString) Resolve(FleetTarget target)
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
        if (target.Schema is { } schema)
            cs = dialect.Connections.WithSearchPath(cs, schema) ?? throw new FleetInputException(
                $"--schemas-sql needs a database with schemas (PostgreSQL), and {target.DisplayName} is {dialect.Name}. " +
                "For one SQLite file per tenant, list the files with --targets FILE or --targets-sql. Nothing was changed.");
        return (dialect, cs);
    }

    /// <summary>
    /// A database for one target's run. Its connections are not pooled: a fleet touches each database once, and a pool
    /// per database would keep a connection (a file handle, a server session) open for every target until the end.
    /// </summary>
    public static Database Open(Dialect dialect, string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        builder["Pooling"] = "False";
        return Database.Open(builder.ConnectionString, dialect);
    }
}
