using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Retort.Commands;

namespace Retort.Hosting;

/// <summary>
/// The database's migration state as a health check: Healthy when it is at the target; Degraded while revisions are
/// pending or a revision is partly applied (a batched data step in progress or stopped); the registration's failure
/// status (Unhealthy by default) when an upgrade would refuse to run (applied revisions edited, a version table that
/// contradicts the history) or the database cannot be read. The data holds <c>current</c>, <c>pending</c>,
/// <c>inProgress</c> and <c>problem</c>. Register it with <c>AddHealthChecks().AddRetort()</c>.
/// </summary>
public sealed class RetortHealthCheck(MigrationCommands commands, IOptions<RetortOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        try
        {
            var current = await commands.CurrentAsync(cancellationToken);
            var pending = await commands.GetPendingAsync(options.Value.Target, cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["database"] = current.Database,
                ["current"] = current.Heads.Select(h => h.Id).ToArray(),
                ["pending"] = pending.Select(p => p.Id).ToArray(),
                ["inProgress"] = current.InProgress.Select(p => $"{p.Revision} ({p.Direction}): {p.StepsDone} step(s) done, {p.RowsCheckpointed} row(s) checkpointed").ToArray(),
            };
            if (current.Problem is { } problem)
            {
                data["problem"] = problem;
                return new HealthCheckResult(failure, "An upgrade would refuse to run: " + problem, data: data);
            }
            if (current.InProgress.Count > 0)
                return HealthCheckResult.Degraded($"Revision(s) partly applied (a data step in progress or stopped): {string.Join(", ", current.InProgress.Select(p => p.Revision))}.", data: data);
            if (pending.Count > 0)
                return HealthCheckResult.Degraded($"{pending.Count} revision(s) pending: {string.Join(", ", pending.Select(p => p.Id))}.", data: data);
            return HealthCheckResult.Healthy(current.Heads.Count == 0 ? "No revisions." : $"At {string.Join(", ", current.Heads.Select(h => h.Id))}.", data);
        }
        catch (RetortException e)
        {
            return new HealthCheckResult(failure, e.Message, e);
        }
    }
}
