using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Retort.Connections;
using Retort.Dialects;
using Retort.Hosting.Internal;

namespace Retort.Hosting;

/// <summary>Configures Retort in a host after <c>services.AddRetort()</c>; every method returns the builder.</summary>
public sealed class RetortBuilder
{
    internal RetortBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Changes the options after configuration is bound.</summary>
    public RetortBuilder Configure(Action<RetortOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Upgrades the database to <paramref name="target"/> when the host starts, before it serves.</summary>
    public RetortBuilder MigrateOnStart(string target = "head") => Configure(o =>
    {
        o.MigrateOnStart = true;
        o.Target = target;
    });

    /// <summary>The C# revisions are the <c>[Revision]</c> classes of <paramref name="assembly"/> (usually <c>typeof(Program).Assembly</c>).</summary>
    public RetortBuilder UseRevisionsFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Services.Configure<RetortServices>(s => s.RevisionsAssembly = assembly);
        return this;
    }

    /// <summary>
    /// Opens the database with <paramref name="open"/> instead of a URL, for example
    /// <c>sp => PostgreSqlDatabase.Open(sp.GetRequiredService&lt;NpgsqlDataSource&gt;())</c>. Called once per command.
    /// </summary>
    public RetortBuilder UseDatabase(Func<IServiceProvider, Database> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        Services.Configure<RetortServices>(s => s.OpenDatabase = open);
        return this;
    }

    /// <summary>
    /// Takes connections from the application's <see cref="DbDataSource"/> (its pool and credentials; Retort never
    /// disposes it), spoken to with the registered dialect named <paramref name="dialect"/> (<c>postgresql</c>).
    /// </summary>
    public RetortBuilder UseDataSource(Func<IServiceProvider, DbDataSource> dataSource, string dialect)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(dialect);
        return UseDatabase(sp => Database.Open(dataSource(sp), DialectRegistry.Find(dialect) ?? throw new RetortException(
            $"No Retort dialect is named '{dialect}'. Known dialects: {string.Join(", ", DialectRegistry.Known)}. Reference the dialect's package and register it.")));
    }
}
