using System.Text.Json;
using System.Text.Json.Serialization;
using Retort.Operations;

namespace Retort.Environments;

/// <summary>
/// The config file of a migrations environment, <c>retort.json</c>:
/// <code>
/// {
///   "url": "sqlite:///app.db",
///   "revisions": "Revisions",
///   "project": "Migrations.csproj",
///   "namespace": "Migrations.Revisions",
///   "versionTableSchema": "ops",
///   "defaultSchema": "app",
///   "singleTransaction": false,
///   "batching": { "batchSize": 5000, "pauseMs": 50 }
/// }
/// </code>
/// A relative SQLite path in <c>url</c> is relative to the folder holding the file. Without <c>project</c> the
/// environment is SQL-only and needs no build. The schema keys, <c>singleTransaction</c> and <c>batching</c> are optional.
/// </summary>
public sealed record EnvironmentConfig
{
    /// <summary>The file name looked for.</summary>
    public const string FileName = "retort.json";

    /// <summary>Database URL or connection string (with <c>Dialect=…;</c>); may be overridden by --url or RETORT_URL.</summary>
    public string? Url { get; init; }

    /// <summary>Folder of revision files (C# and .sql), relative to the config file.</summary>
    public string Revisions { get; init; } = "Revisions";

    /// <summary>The C# project holding the revision classes, relative to the config file; null for SQL-only.</summary>
    public string? Project { get; init; }

    /// <summary>Namespace of new C# revision classes.</summary>
    public string? Namespace { get; init; }

    /// <summary>How many heads the revision graph is meant to have (<c>retort test</c> checks it); 1 by default.</summary>
    public int? Heads { get; init; }

    /// <summary>
    /// Schema of Retort's version and history tables (<see cref="Runner.MigratorOptions.VersionTableSchema"/>);
    /// null for the connection's default schema. The schema must exist.
    /// </summary>
    public string? VersionTableSchema { get; init; }

    /// <summary>
    /// Schema that C# revisions' <c>op</c> calls use when they name none (<see cref="Runner.MigratorOptions.DefaultSchema"/>);
    /// null for the connection's default schema. SQL revisions are run as written.
    /// </summary>
    public string? DefaultSchema { get; init; }

    /// <summary>
    /// Run all pending revisions of an upgrade or downgrade in one transaction
    /// (<see cref="Runner.MigratorOptions.SingleTransaction"/>, Alembic's default <c>env.py</c>) instead of one
    /// transaction per revision; null or false for one per revision.
    /// </summary>
    public bool? SingleTransaction { get; init; }

    /// <summary>
    /// The batching of data steps that set none of their own (<see cref="Runner.MigratorOptions.Batching"/>), from the
    /// <c>batching</c> object: <c>batchSize</c>, <c>minBatchSize</c>, <c>maxBatchSize</c>, <c>targetBatchMs</c> (0 for a
    /// fixed size), <c>pauseMs</c>, <c>replicaName</c>, <c>maxReplicaLagMs</c>; a key left out keeps its
    /// <see cref="BatchOptions.Default"/> value. Null without the object.
    /// </summary>
    // Read by Parse only; 'retort init' never writes it (the serializer would write TimeSpans, not the keys above).
    [JsonIgnore]
    public BatchOptions? Batching { get; init; }

    /// <summary>Reads a config file.</summary>
    /// <exception cref="RetortException">The file is not valid JSON or has the wrong shape.</exception>
    public static EnvironmentConfig Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads the text of a config file; <paramref name="path"/> names it in messages.</summary>
    /// <exception cref="RetortException">The text is not valid JSON or has the wrong shape.</exception>
    public static EnvironmentConfig Parse(string text, string path)
    {
        // Read through JsonDocument rather than the serializer: every command starts by reading this file, and the
        // document reader is precompiled where the serializer's generic code is compiled at start-up.
        try
        {
            using var document = JsonDocument.Parse(text,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RetortException($"The config file {path} holds {Describe(root.ValueKind)}, not a JSON object. Write a JSON object such as {{ \"url\": \"sqlite:///app.db\" }}.");
            var config = new EnvironmentConfig
            {
                Url = Text(root, "url", path),
                Revisions = Text(root, "revisions", path) ?? "Revisions",
                Project = Text(root, "project", path),
                Namespace = Text(root, "namespace", path),
                Heads = root.TryGetProperty("heads", out var heads) && heads.ValueKind != JsonValueKind.Null
                    ? heads.ValueKind == JsonValueKind.Number && heads.TryGetInt32(out var n) ? n : throw WrongType(path, "heads", "a whole number", heads)
                    : null,
                VersionTableSchema = Text(root, "versionTableSchema", path),
                DefaultSchema = Text(root, "defaultSchema", path),
                SingleTransaction = Flag(root, "singleTransaction", path),
                Batching = BatchingOf(root, path),
            };
            CheckKeys(root, path);
            return config;
        }
        catch (JsonException e)
        {
            throw new RetortException($"The config file {path} is not valid: {e.Message} Fix the JSON (see 'retort init' for an example).", e);
        }
    }

    /// <summary>The keys this file may hold; <c>$schema</c> and other keys starting with <c>$</c> are ignored.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["url", "revisions", "project", "namespace", "heads", "versionTableSchema", "defaultSchema", "singleTransaction", "batching"];

    // The keys the "batching" object may hold.
    private static readonly IReadOnlyList<string> BatchingKeys =
        ["batchSize", "minBatchSize", "maxBatchSize", "targetBatchMs", "pauseMs", "replicaName", "maxReplicaLagMs"];

    // A misspelt key would otherwise be ignored silently, and the setting it was meant to change never applied.
    private static void CheckKeys(JsonElement root, string path, IReadOnlyList<string>? keys = null, string where = "")
    {
        keys ??= Keys;
        foreach (var property in root.EnumerateObject())
        {
            if (keys.Contains(property.Name, StringComparer.Ordinal) || property.Name.StartsWith('$')) continue;
            var closest = keys.MinBy(k => Distance(k.ToLowerInvariant(), property.Name.ToLowerInvariant()))!;
            throw new RetortException($"The config file {path} has an unknown key \"{where}{property.Name}\"; did you mean \"{where}{closest}\"? " +
                $"Known keys{(where.Length > 0 ? " of \"" + where.TrimEnd('.') + "\"" : "")}: {string.Join(", ", keys)} (names are case-sensitive).");
        }
    }

    /// <summary>The <c>batching</c> object, each key over <see cref="BatchOptions.Default"/>, checked as a whole.</summary>
    private static BatchOptions? BatchingOf(JsonElement root, string path)
    {
        if (!root.TryGetProperty("batching", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw WrongType(path, "batching", "an object such as { \"batchSize\": 5000 }", value);
        CheckKeys(value, path, BatchingKeys, "batching.");
        int? Number(string key) =>
            !value.TryGetProperty(key, out var n) || n.ValueKind == JsonValueKind.Null ? null
            : n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var i) ? i
            : throw WrongType(path, "batching." + key, "a whole number", n);
        TimeSpan? Milliseconds(string key) => Number(key) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        var defaults = BatchOptions.Default;
        var batching = new BatchOptions
        {
            BatchSize = Number("batchSize") ?? defaults.BatchSize,
            MinBatchSize = Number("minBatchSize") ?? defaults.MinBatchSize,
            MaxBatchSize = Number("maxBatchSize") ?? defaults.MaxBatchSize,
            TargetBatchDuration = Number("targetBatchMs") is { } target ? target == 0 ? null : TimeSpan.FromMilliseconds(target) : defaults.TargetBatchDuration,
            PauseBetweenBatches = Milliseconds("pauseMs") ?? defaults.PauseBetweenBatches,
            ReplicaName = Text(value, "replicaName", path),
            MaxReplicaLag = Milliseconds("maxReplicaLagMs") ?? defaults.MaxReplicaLag,
        };
        var names = new Dictionary<string, string>
        {
            [nameof(BatchOptions.BatchSize)] = "batchSize", [nameof(BatchOptions.MinBatchSize)] = "minBatchSize",
            [nameof(BatchOptions.MaxBatchSize)] = "maxBatchSize", [nameof(BatchOptions.TargetBatchDuration)] = "targetBatchMs",
            [nameof(BatchOptions.PauseBetweenBatches)] = "pauseMs", [nameof(BatchOptions.MaxReplicaLag)] = "maxReplicaLagMs",
        };
        var problems = batching.Validate(p => "\"batching." + names.GetValueOrDefault(p, p) + "\"");
        if (problems.Count > 0)
            throw new RetortException($"The config file {path} is not valid: {string.Join(" ", problems)} Fix the \"batching\" object.");
        return batching;
    }

    /// <summary>Levenshtein distance: the fewest single-character edits that turn one text into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    private static string? Text(JsonElement root, string name, string path) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw WrongType(path, name, "a string", value);

    private static bool? Flag(JsonElement root, string name, string path) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw WrongType(path, name, "true or false", value);

    private static RetortException WrongType(string path, string name, string expected, JsonElement value) =>
        new($"The config file {path} is not valid: \"{name}\" must be {expected}, not {Describe(value.ValueKind)}. Fix the JSON (see 'retort init' for an example).");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Writes the config as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, EnvironmentConfigJson.Default.EnvironmentConfig) + "\n");
}

/// <summary>
/// The serializer that writes <see cref="EnvironmentConfig"/> (<c>retort init</c>), generated at compile time:
/// reflection-based serialization would spend tens of milliseconds building its converters.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EnvironmentConfig))]
internal sealed partial class EnvironmentConfigJson : JsonSerializerContext;
