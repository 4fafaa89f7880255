using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Retort.Internal;

namespace Retort.Runner;

/// <summary>
/// One revision of an online run, traced and measured: its activity (<see cref="RetortDiagnostics.RevisionActivity"/>)
/// and its duration. <see cref="Ended"/> records how it ended; disposed without it, the revision failed or was stopped
/// (the run's activity holds the error).
/// </summary>
internal sealed class RevisionTrace(string revision, string direction, string dialect, ILogger logger) : IDisposable
{
    private readonly Activity? _activity = RetortTelemetry.StartRevision(revision, direction, dialect);
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _ended;

    /// <summary>The revision committed (or will with its shared transaction), or another run had applied it.</summary>
    public void Ended(RevisionRun run)
    {
        _ended = true;
        var outcome = run.Skipped ? "skipped" : "applied";
        RetortTelemetry.RevisionEnded(_activity, revision, direction, dialect, run.Duration, outcome);
        logger.LogDebug(RetortEventIds.RevisionCompleted, "{Direction} {Revision}: {Outcome} in {Seconds:0.###} s", direction, revision,
            run.Skipped ? "skipped (another run applied it)" : "done", run.Duration.TotalSeconds);
    }

    public void Dispose()
    {
        if (!_ended)
        {
            RetortTelemetry.RevisionEnded(_activity, revision, direction, dialect, Stopwatch.GetElapsedTime(_started), "failed");
            _activity?.SetStatus(ActivityStatusCode.Error, $"Revision {revision} failed or was stopped; the run's activity holds the error.");
        }
        _activity?.Dispose();
    }
}
