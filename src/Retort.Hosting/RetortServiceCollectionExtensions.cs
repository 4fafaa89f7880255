using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retort.Commands;
using Retort.Hosting;
using Retort.Hosting.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Retort to a host's services.</summary>
public static class RetortServiceCollectionExtensions
{
    /// <summary>
    /// Adds Retort: <see cref="RetortOptions"/> bound from the configuration section <paramref name="configSectionPath"/>
    /// (then <paramref name="configure"/>) and validated when the host starts; <see cref="MigrationCommands"/> as a
    /// singleton (upgrade, current, history, <see cref="MigrationCommands.GetPendingAsync"/>) logging to the host's
    /// <c>ILoggerFactory</c>; and migrate-on-start, which runs when <see cref="RetortOptions.MigrateOnStart"/> is set.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddRetort().UseRevisionsFrom(typeof(Program).Assembly).MigrateOnStart();
    /// builder.Services.AddHealthChecks().AddRetort();
    /// </code>
    /// </example>
    public static RetortBuilder AddRetort(this IServiceCollection services, Action<RetortOptions>? configure = null,
        string configSectionPath = RetortOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RetortOptions>().BindConfiguration(configSectionPath).ValidateOnStart();
        if (configure is not null) options.Configure(configure);
        services.AddOptions<RetortServices>();
        services.TryAddSingleton<RetortSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetortOptions>, RetortOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<RetortSetup>().CreateCommands(
            sp.GetRequiredService<IOptions<RetortOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MigrateOnStartService>());
        return new RetortBuilder(services);
    }
}
