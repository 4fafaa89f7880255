using System.Data.Common;
using System.Diagnostics;
using Retort.Internal;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>A run inside its activity (<see cref="RetortDiagnostics.RunActivity"/>), marked failed when it throws.</summary>
    private async Task<IReadOnlyList<RevisionRun>> TracedRunAsync(bool up, string target, CancellationToken ct)
    {
        using var activity = RetortTelemetry.StartRun(up, target, _database.Dialect.Name);
        try
        {
            var runs = await RunAsync(up, target, ct);
            activity?.SetTag(RetortDiagnostics.RevisionCountTag, runs.Count(r => !r.Skipped));
            return runs;
        }
        catch (Exception e)
        {
            RetortTelemetry.Failed(activity, e);
            throw;
        }
    }

    /// <summary>Takes the dialect's migration lock, logging to the lock category and measuring the wait.</summary>
    private async Task<IAsyncDisposable> AcquireLockAsync(DbConnection connection, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var held = await _database.Dialect.MigrationLock.AcquireAsync(connection, Options.LockTimeout, Options.VersionTableSchema, _logger.Lock, ct);
        RetortTelemetry.LockWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(RetortDiagnostics.DialectTag, _database.Dialect.Name));
        return held;
    }
}
