using System.Text.Json.Serialization;

namespace Retort.Cli.Json;

/// <summary>The documents of the reading commands, indented; generated at compile time (no reflection: a trimmed or native tool writes them too).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CurrentJson))]
[JsonSerializable(typeof(HeadsJson))]
[JsonSerializable(typeof(BranchesJson))]
[JsonSerializable(typeof(HistoryJson))]
[JsonSerializable(typeof(ShowJson))]
[JsonSerializable(typeof(CheckJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>The events of <c>upgrade --json</c>, one object a line.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunStartedEvent))]
[JsonSerializable(typeof(RevisionStartedEvent))]
[JsonSerializable(typeof(RevisionFinishedEvent))]
[JsonSerializable(typeof(DataProgressEvent))]
[JsonSerializable(typeof(WarningEvent))]
[JsonSerializable(typeof(RunFinishedEvent))]
[JsonSerializable(typeof(RunFailedEvent))]
internal sealed partial class RunEventJsonContext : JsonSerializerContext;
