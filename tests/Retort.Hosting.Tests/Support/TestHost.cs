using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.PostgreSql;
using Retort.Sqlite;

namespace Retort.Hosting.Tests.Support;

/// <summary>A generic host with Retort added, configured from an in-memory "Retort" section, as an application builds one.</summary>
public static class TestHost
{
    static TestHost()
    {
        DialectRegistry.Register(new SqliteDialect());
        DialectRegistry.Register(new PostgreSqlDialect());
    }

    public static IHost Build(string contentRoot, IDictionary<string, string?> settings, Action<RetortBuilder>? retort = null,
        ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (logs is not null) builder.Logging.AddProvider(logs);
        services?.Invoke(builder.Services);
        retort?.Invoke(builder.Services.AddRetort());
        if (retort is null) builder.Services.AddRetort();
        builder.Services.AddHealthChecks().AddRetort();
        return builder.Build();
    }

    /// <summary>Runs the Retort health check of <paramref name="host"/>.</summary>
    public static async Task<HealthReportEntry> HealthAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["retort"];
    }
}
