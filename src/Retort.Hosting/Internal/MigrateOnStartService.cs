using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retort.Commands;

namespace Retort.Hosting.Internal;

/// <summary>
/// Upgrades the database when the host starts, before the server takes requests (hosted services start first). Several
/// instances starting at once take turns under the dialect's migration lock: each revision is applied once, the others
/// find it applied. A failure is logged and stops the host from starting.
/// </summary>
internal sealed class MigrateOnStartService(MigrationCommands commands, IOptions<RetortOptions> options, ILoggerFactory loggerFactory) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(RetortLogCategories.Hosting);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.MigrateOnStart) return;
        _logger.LogInformation(RetortEventIds.MigrateOnStartStarting, "Migrating the database to {Target} before the application starts.", o.Target);
        try
        {
            var result = await commands.UpgradeAsync(o.Target, o.SingleTransaction, cancellationToken);
            var applied = result.Runs.Where(r => !r.Skipped).Select(r => r.Revision.Id).ToList();
            _logger.LogInformation(RetortEventIds.MigrateOnStartCompleted, "The database is at {Heads}; this instance applied {Count} revision(s){Applied}.",
                result.Heads.Count == 0 ? "base" : string.Join(", ", result.Heads.Select(h => h.Id)), applied.Count,
                applied.Count == 0 ? "" : ": " + string.Join(", ", applied));
        }
        catch (Exception e)
        {
            _logger.LogCritical(RetortEventIds.MigrateOnStartFailed, e, "Migrate-on-start failed, so the application does not start: {Message}", e.Message);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
