using Microsoft.Extensions.Diagnostics.HealthChecks;
using Retort.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds <see cref="RetortHealthCheck"/> to the health checks.</summary>
public static class RetortHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the migration state of the database as the health check <paramref name="name"/> (see
    /// <see cref="RetortHealthCheck"/>); needs <c>services.AddRetort()</c>.
    /// </summary>
    public static IHealthChecksBuilder AddRetort(this IHealthChecksBuilder builder, string name = "retort", HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null, TimeSpan? timeout = null) =>
        builder.AddCheck<RetortHealthCheck>(name, failureStatus, tags ?? [], timeout);
}
