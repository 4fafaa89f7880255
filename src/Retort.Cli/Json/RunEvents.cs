namespace Retort.Cli.Json;

// The events `upgrade --json` and `downgrade --json` print, one JSON object a line (docs/json-output.md). Each starts
// with "schemaVersion" and "event"; a field is never left out: null when it has no value.

/// <summary>First event: what was asked.</summary>
internal sealed record RunStartedEvent(int SchemaVersion, string Event, string Command, string Target, string? Database, DateTimeOffset Time);

/// <summary>A revision starts.</summary>
internal sealed record RevisionStartedEvent(int SchemaVersion, string Event, string Revision, string Direction, IReadOnlyList<string> Parents,
    string Message, DateTimeOffset Time);

/// <summary>A revision committed (or was found applied by another run: skipped).</summary>
internal sealed record RevisionFinishedEvent(int SchemaVersion, string Event, string Revision, string Direction, double DurationMs, bool Skipped,
    long? Rows, DateTimeOffset Time);

/// <summary>A batched data step committed a batch.</summary>
internal sealed record DataProgressEvent(int SchemaVersion, string Event, string Revision, int Step, string Description, long RowsDone,
    long RowsWritten, long? TotalEstimate, double RowsPerSecond, double? EtaSeconds, bool Finished, bool Resumed, DateTimeOffset Time);

/// <summary>A warning of the run (a lock wait, a retry, a step left to run by hand).</summary>
internal sealed record WarningEvent(int SchemaVersion, string Event, string Level, string Message, DateTimeOffset Time);

/// <summary>Last event of a run that succeeded.</summary>
internal sealed record RunFinishedEvent(int SchemaVersion, string Event, string Command, int RevisionsRun, IReadOnlyList<string> Heads,
    double DurationMs, DateTimeOffset Time);

/// <summary>Last event of a run that failed or was cancelled, with what it left, as the database says.</summary>
internal sealed record RunFailedEvent(int SchemaVersion, string Event, string Command, bool Cancelled, string Error, IReadOnlyList<string> RolledBack,
    IReadOnlyList<string> Kept, IReadOnlyList<string> PartlyApplied, IReadOnlyList<string>? Heads, string? Summary, int ExitCode, double DurationMs,
    DateTimeOffset Time);
