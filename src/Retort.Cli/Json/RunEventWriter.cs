using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Retort.Cli.Internal;
using Retort.Commands;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Cli.Json;

/// <summary>
/// <c>upgrade --json</c>: the run as newline-delimited JSON events on standard output, from the migrator's events and
/// the run's log (warnings become events; information with <c>--verbose</c> stays on standard error).
/// </summary>
internal sealed class RunEventWriter(TextWriter output, string command)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Attach(Migrator migrator, CliLogger logger)
    {
        migrator.RevisionStarting += (info, direction) => Write(new RevisionStartedEvent(JsonOutput.SchemaVersion, "revisionStarted", info.Id, direction,
            info.DownRevisions, info.Message, DateTimeOffset.UtcNow), RunEventJsonContext.Default.RevisionStartedEvent);
        migrator.RevisionCompleted += run => Write(new RevisionFinishedEvent(JsonOutput.SchemaVersion, "revisionFinished", run.Revision.Id, run.Direction,
            Math.Round(run.Duration.TotalMilliseconds, 1), run.Skipped, run.Rows, DateTimeOffset.UtcNow), RunEventJsonContext.Default.RevisionFinishedEvent);
        migrator.DataProgressReported += p => Write(new DataProgressEvent(JsonOutput.SchemaVersion, "dataProgress", p.Revision.Id, p.Step, p.Description,
            p.RowsDone, p.RowsWritten, p.TotalEstimate, Math.Round(p.RowsPerSecond, 1), p.Eta is { } eta ? Math.Round(eta.TotalSeconds, 1) : null,
            p.Finished, p.Resumed, DateTimeOffset.UtcNow), RunEventJsonContext.Default.DataProgressEvent);
        logger.Sink = (level, line) =>
        {
            if (level < LogLevel.Warning) { logger.Write(line); return; }
            var text = line.StartsWith("warning: ", StringComparison.Ordinal) ? line["warning: ".Length..]
                : line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line;
            Write(new WarningEvent(JsonOutput.SchemaVersion, "warning", level >= LogLevel.Error ? "error" : "warning", text, DateTimeOffset.UtcNow),
                RunEventJsonContext.Default.WarningEvent);
        };
    }

    public void Started(string target, string? database) =>
        Write(new RunStartedEvent(JsonOutput.SchemaVersion, "runStarted", command, target, database, DateTimeOffset.UtcNow), RunEventJsonContext.Default.RunStartedEvent);

    public void Finished(RunResult result) =>
        Write(new RunFinishedEvent(JsonOutput.SchemaVersion, "runFinished", command, result.Runs.Count(r => !r.Skipped), result.Heads.Select(h => h.Id).ToList(),
            Elapsed, DateTimeOffset.UtcNow), RunEventJsonContext.Default.RunFinishedEvent);

    /// <summary>The last event of a run that did not finish: <paramref name="outcome"/> is null when the error came before any revision ran.</summary>
    public void Failed(Exception error, RunOutcome? outcome, bool cancelled, int exitCode) =>
        Write(new RunFailedEvent(JsonOutput.SchemaVersion, "runFailed", command, cancelled, error.Message,
            Ids(outcome?.RolledBack), Ids(outcome?.Kept), outcome?.PartlyApplied ?? [], outcome?.Heads?.Select(h => h.Id).ToList(), outcome?.Summary,
            exitCode, Elapsed, DateTimeOffset.UtcNow), RunEventJsonContext.Default.RunFailedEvent);

    private double Elapsed => Math.Round(_clock.Elapsed.TotalMilliseconds, 1);

    private static IReadOnlyList<string> Ids(IReadOnlyList<RevisionInfo>? revisions) => revisions?.Select(r => r.Id).ToList() ?? [];

    // One line per event, written whole and flushed, so a reader sees each as it happens.
    private void Write<T>(T value, JsonTypeInfo<T> type)
    {
        var line = JsonSerializer.Serialize(value, type);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
