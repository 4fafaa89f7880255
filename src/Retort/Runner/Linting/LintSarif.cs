using System.Text.Json;
using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>
/// A lint report as SARIF 2.1.0 (<c>retort lint --format sarif</c>), for code scanning in CI: one run whose tool lists
/// the dialect's rules (id, name, descriptions, help with the safe alternative) and one result per finding (rule,
/// level, message, the revision's file and line when known). An allowed finding carries a suppression with its reason,
/// so code scanning shows it as dismissed rather than open.
/// </summary>
public static class LintSarif
{
    /// <summary>The SARIF schema the output declares.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Writes <paramref name="report"/>; file locations are made relative to <paramref name="baseDirectory"/> when they lie under it.</summary>
    public static void Write(Stream stream, LintReport report, string? baseDirectory = null, string? toolVersion = null)
    {
        var rules = report.Rules.Concat(report.Findings.Select(f => f.Rule)).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", Schema);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "retort");
        if (toolVersion is not null) json.WriteString("version", toolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", Name(rule.Title));
            Text(json, "shortDescription", rule.Title);
            if (rule.Why.Length > 0) Text(json, "fullDescription", rule.Why);
            Text(json, "help", rule.SafeAlternative.Length > 0 ? rule.SafeAlternative : rule.Title);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", LintJson.Level(rule.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            if (rule.Dialect is not null) json.WriteString("dialect", rule.Dialect);
            if (rule.Lock is not null) json.WriteString("lock", rule.Lock);
            json.WriteBoolean("rewrites", rule.Rewrites);
            json.WriteBoolean("scans", rule.Scans);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var f in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", f.Rule.Id);
            json.WriteNumber("ruleIndex", index[f.Rule.Id]);
            json.WriteString("level", LintJson.Level(f.Severity));
            var where = f.Revision is null ? "" : $" (revision {f.Revision}{(f.Statement is null && f.Operation is not null ? ", " + f.Operation : "")})";
            Text(json, "message", f.Message.TrimEnd('.') + where + (f.Estimate is null ? "." : $". Estimate: {f.Estimate}."));
            if (f.Source is { } source && LooksLikeFile(source))
            {
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", Uri(source, baseDirectory));
                json.WriteEndObject();
                if (f.Line is { } line)
                {
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", line);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }
            if (f.AllowedReason is { } reason)
            {
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", "inSource");
                json.WriteString("justification", reason);
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteStartObject("properties");
            if (f.Revision is not null) json.WriteString("revision", f.Revision);
            if (f.Table is not null) json.WriteString("table", f.Table);
            if (f.Estimate is not null) json.WriteString("estimate", f.Estimate);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    // SARIF rule names are identifier-like: "index built without CONCURRENTLY" becomes IndexBuiltWithoutConcurrently.
    private static string Name(string title) =>
        string.Concat(title.Split([' ', '-', '_', '/', '(', ')', ',', '.', '`', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + (w.Length > 1 && w.Skip(1).All(char.IsUpper) ? w[1..].ToLowerInvariant() : w[1..])));

    private static bool LooksLikeFile(string source) => source.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    private static string Uri(string path, string? baseDirectory)
    {
        if (baseDirectory is not null && Path.IsPathRooted(path))
        {
            var relative = Path.GetRelativePath(baseDirectory, path);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) path = relative;
        }
        // Outside the base directory an absolute path is written as a file URI, as SARIF asks.
        return Path.IsPathRooted(path) ? new System.Uri(path).AbsoluteUri : path.Replace('\\', '/');
    }
}
