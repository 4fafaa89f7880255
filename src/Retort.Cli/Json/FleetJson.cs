using System.Text.Json.Serialization;
using Retort.Fleet;

namespace Retort.Cli.Json;

/// <summary><c>retort fleet upgrade|downgrade|current --json</c>: the run and one row per target.</summary>
internal sealed record FleetRunJson(int SchemaVersion, string Command, string? Target, string? RunId, bool Succeeded, string? StoppedReason, bool Cancelled,
    long ElapsedMs, int Total, int Done, int Failed, int Skipped, IReadOnlyList<FleetTargetJson> Targets)
{
    public static FleetRunJson From(FleetResult r) => new(JsonOutput.SchemaVersion, "fleet " + r.Operation, r.Target, r.RunId, r.Succeeded, r.StoppedReason,
        r.Cancelled, (long)r.Elapsed.TotalMilliseconds, r.Targets.Count, r.Done, r.Failed, r.Skipped,
        r.Targets.Select(t => new FleetTargetJson(t.Target.DisplayName, t.Target.Schema, FleetTargetJson.StateText(t.State), t.Before, t.After, t.Applied,
            (long)t.Duration.TotalMilliseconds, t.Error)).ToList());
}

/// <summary>One target of a fleet run in <c>--json</c>.</summary>
internal sealed record FleetTargetJson(string Target, string? Schema, string State, IReadOnlyList<string> Before, IReadOnlyList<string> After, int Applied,
    long DurationMs, string? Error)
{
    public static string StateText(FleetTargetState state) => state.ToString().ToLowerInvariant();
}

/// <summary><c>retort fleet status --json</c>: the last run and the status table's rows.</summary>
internal sealed record FleetStatusJson(int SchemaVersion, string Command, string Store, FleetRunRowJson? LastRun, IReadOnlyList<FleetStatusRowJson> Targets)
{
    public static FleetStatusJson From(FleetStatus s) => new(JsonOutput.SchemaVersion, "fleet status", s.Store,
        s.LastRun is { } r ? new FleetRunRowJson(r.RunId, r.Operation, r.Target, r.State, r.StartedAt, r.FinishedAt, r.Total, r.Done, r.Failed, r.Skipped, r.Reason) : null,
        s.Targets.Select(t => new FleetStatusRowJson(t.DisplayName, t.RunId, t.Operation, t.TargetRevision, t.CurrentRevision, FleetTargetJson.StateText(t.State),
            t.Error, t.StartedAt, t.FinishedAt, t.Duration is { } d ? (long)d.TotalMilliseconds : null)).ToList());
}

/// <summary>The last fleet run in <c>fleet status --json</c>.</summary>
internal sealed record FleetRunRowJson(string RunId, string Operation, string Target, string State, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int Total, int Done, int Failed, int Skipped, string? Reason);

/// <summary>A target's row in <c>fleet status --json</c>.</summary>
internal sealed record FleetStatusRowJson(string Target, string RunId, string Operation, string TargetRevision, string? CurrentRevision, string State,
    string? Error, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs);

/// <summary>The fleet's documents, indented, generated at compile time.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FleetRunJson))]
[JsonSerializable(typeof(FleetStatusJson))]
internal sealed partial class FleetJsonContext : JsonSerializerContext;
