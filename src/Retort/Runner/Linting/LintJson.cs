using System.Text.Json;
using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>
/// A lint report as JSON (<c>retort lint --format json</c>), schema version 1, documented in <c>docs/lint.md</c>: the
/// dialect, server version, whether live statistics were read, the revisions linted, counts, and every finding with
/// its rule, severity, place, table, estimate and allowance. Written with a plain JSON writer (no reflection), so a
/// natively compiled tool writes it too.
/// </summary>
public static class LintJson
{
    /// <summary>The schema version written in <c>"version"</c>; it changes only when a field changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/>, indented.</summary>
    public static void Write(Stream stream, LintReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", SchemaVersion);
        json.WriteString("dialect", report.Dialect);
        WriteOrNull(json, "serverVersion", report.ServerVersion?.ToString());
        json.WriteBoolean("liveStats", report.UsedLiveStats);
        json.WriteStartArray("revisions");
        foreach (var revision in report.Revisions) json.WriteStringValue(revision);
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteNumber("errors", report.Findings.Count(f => f.Severity == LintSeverity.Error));
        json.WriteNumber("warnings", report.Findings.Count(f => f.Severity == LintSeverity.Warning));
        json.WriteNumber("notes", report.Findings.Count(f => f.Severity == LintSeverity.Note));
        json.WriteNumber("allowed", report.Allowed.Count);
        json.WriteNumber("blocking", report.Blocking.Count);
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", f.Rule.Id);
            json.WriteString("title", f.Rule.Title);
            json.WriteString("severity", Level(f.Severity));
            json.WriteString("message", f.Message);
            WriteOrNull(json, "revision", f.Revision);
            WriteOrNull(json, "source", f.Source);
            if (f.Line is { } line) json.WriteNumber("line", line); else json.WriteNull("line");
            if (f.OperationIndex is { } index) json.WriteNumber("operationIndex", index); else json.WriteNull("operationIndex");
            WriteOrNull(json, "operation", f.Operation);
            WriteOrNull(json, "statement", f.Statement);
            WriteOrNull(json, "table", f.Table);
            WriteOrNull(json, "estimate", f.Estimate);
            json.WriteBoolean("allowed", f.IsAllowed);
            WriteOrNull(json, "allowedReason", f.AllowedReason);
            json.WriteBoolean("blocking", f.Severity == LintSeverity.Error && !f.IsAllowed);
            WriteOrNull(json, "lock", f.Rule.Lock);
            json.WriteBoolean("rewrites", f.Rule.Rewrites);
            json.WriteBoolean("scans", f.Rule.Scans);
            json.WriteString("why", f.Rule.Why);
            json.WriteString("safeAlternative", f.Rule.SafeAlternative);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (report.Verification is { } verification) WriteVerification(json, verification);
        json.WriteEndObject();
    }

    // "verify": present only with --verify; every statement run on the shadow, what the server showed, and the claims.
    private static void WriteVerification(Utf8JsonWriter json, LintVerification verification)
    {
        json.WriteStartObject("verify");
        json.WriteString("shadow", verification.Shadow);
        json.WriteBoolean("scratch", verification.Scratch);
        WriteOrNull(json, "failure", verification.Failure);
        json.WriteNumber("differences", verification.Differences.Count);
        json.WriteStartArray("statements");
        foreach (var s in verification.Statements)
        {
            json.WriteStartObject();
            json.WriteString("revision", s.Revision);
            json.WriteNumber("operationIndex", s.OperationIndex);
            json.WriteString("operation", s.Operation);
            json.WriteString("sql", s.Sql);
            WriteOrNull(json, "skipped", s.Skipped);
            WriteOrNull(json, "error", s.Error);
            if (s.Observed is { } observed) json.WriteBoolean("inTransaction", observed.InTransaction); else json.WriteNull("inTransaction");
            json.WriteStartArray("relations");
            foreach (var r in s.Observed?.Relations ?? [])
            {
                json.WriteStartObject();
                json.WriteString("schema", r.Schema);
                json.WriteString("name", r.Name);
                json.WriteStartArray("locks");
                foreach (var mode in r.Modes) json.WriteStringValue(mode);
                json.WriteEndArray();
                WriteOrNull(json, "strongestLock", r.StrongestMode);
                json.WriteBoolean("rewritten", r.Rewritten);
                if (r.Scans is { } scans) json.WriteNumber("scans", scans); else json.WriteNull("scans");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("claims");
            foreach (var c in s.Claims)
            {
                json.WriteStartObject();
                json.WriteString("rule", c.Finding.Rule.Id);
                json.WriteString("table", c.Relation);
                WriteOrNull(json, "lock", c.Finding.Rule.Lock);
                json.WriteBoolean("rewrites", c.Finding.Rule.Rewrites);
                json.WriteBoolean("scans", c.Finding.Rule.Scans);
                json.WriteString("result", c.Agrees ? "agree" : "differs");
                WriteOrNull(json, "difference", c.Difference);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>error</c>, <c>warning</c> or <c>note</c> (SARIF's level names).</summary>
    public static string Level(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "note",
    };

    private static void WriteOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name); else json.WriteString(name, value);
    }
}
