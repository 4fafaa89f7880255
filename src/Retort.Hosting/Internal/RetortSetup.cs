using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retort.Commands;
using Retort.Connections;
using Retort.Environments;
using Retort.Runner;

namespace Retort.Hosting.Internal;

/// <summary>Resolves the options into what the commands work on: the environment, the database, the revisions, the migrator's options.</summary>
/// <remarks>Takes the options as arguments: the validator uses it while the options are being made.</remarks>
internal sealed class RetortSetup(IOptions<RetortServices> services, IServiceProvider provider, IConfiguration? configuration = null, IHostEnvironment? host = null)
{
    public RetortServices Services => services.Value;

    private string ContentRoot => host?.ContentRootPath ?? Directory.GetCurrentDirectory();

    /// <summary>The environment's folder, made absolute against the content root; null when none is configured.</summary>
    public string? EnvironmentDirectory(RetortOptions o) => o.Environment is { Length: > 0 } dir ? Path.GetFullPath(Path.Combine(ContentRoot, dir)) : null;

    /// <summary>The URL or connection string: <see cref="RetortOptions.Url"/>, else the named connection string; null for the environment's.</summary>
    public string? Url(RetortOptions o) => o.Url is { Length: > 0 } url ? url
        : o.ConnectionStringName is { Length: > 0 } name ? configuration?.GetConnectionString(name) : null;

    public Assembly? LoadRevisionsAssembly(RetortOptions o) =>
        services.Value.RevisionsAssembly ?? (o.RevisionsAssembly is { Length: > 0 } name ? Assembly.Load(new AssemblyName(name)) : null);

    public MigrationCommands CreateCommands(RetortOptions o, ILoggerFactory? loggerFactory)
    {
        var environment = EnvironmentDirectory(o) is { } dir ? MigrationsEnvironment.Open(Path.Combine(dir, EnvironmentConfig.FileName)) : null;
        var assembly = LoadRevisionsAssembly(o);
        var url = Url(o);
        var open = services.Value.OpenDatabase;
        return new MigrationCommands(new CommandConfig
        {
            Environment = environment,
            CompiledRevisions = assembly is null ? null : CompiledRevisions.FromAssembly(assembly),
            Url = url,
            OpenDatabase = open is not null ? () => open(provider)
                : url is not null && o.Dialect is { Length: > 0 } dialect ? () => Database.Open(url, dialect) : null,
            MigratorOptions = MigratorOptions(o, environment?.Config),
            LoggerFactory = loggerFactory,
            AllowRules = o.AllowRules,
        });
    }

    /// <summary>The environment's settings, with what the host's options set on top.</summary>
    private static MigratorOptions MigratorOptions(RetortOptions o, EnvironmentConfig? config) => new()
    {
        VersionTableSchema = Blank(o.VersionTableSchema) ?? Blank(config?.VersionTableSchema),
        DefaultSchema = Blank(o.DefaultSchema) ?? Blank(config?.DefaultSchema),
        SingleTransaction = o.SingleTransaction ?? config?.SingleTransaction == true,
        LockTimeout = o.LockTimeout,
        Batching = o.Batching ?? config?.Batching,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
