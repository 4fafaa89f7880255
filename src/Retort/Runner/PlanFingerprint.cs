using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Retort.Internal;
using Retort.Operations;

namespace Retort.Runner;

/// <summary>
/// A checksum of a plan: SHA-256 over a canonical text of every operation's properties. Stored with each
/// applied revision, so editing a revision after it was applied can be detected.
/// </summary>
public static class PlanFingerprint
{
    /// <summary>The lowercase hex SHA-256 of the plan.</summary>
    public static string Compute(IEnumerable<MigrationOperation> plan)
    {
        var sb = new StringBuilder();
        foreach (var op in plan) { Write(sb, op, 0); sb.Append('\n'); }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }

    // A property added later counts only once it is set, so earlier checksums still match (see the attribute).
    private static bool IsOmittedDefault(PropertyInfo property, object? value) =>
        property.IsDefined(typeof(FingerprintOmitsDefaultAttribute), inherit: true)
        && (value is null || (property.PropertyType.IsValueType && value.Equals(Activator.CreateInstance(property.PropertyType))));

    // Each operation type's properties, looked up once per process (a run fingerprints every revision it applies).
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > 20) { sb.Append('…'); return; }
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: sb.Append('"').Append(s.Replace("\"", "\\\"")).Append('"'); return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case Delegate d: sb.Append("code:").Append(d.Method.DeclaringType?.FullName).Append('.').Append(d.Method.Name); return;
            case IDictionary dict:
                sb.Append('{');
                foreach (var key in dict.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    sb.Append(key).Append('=');
                    Write(sb, dict[key], depth + 1);
                    sb.Append(',');
                }
                sb.Append('}');
                return;
            case IEnumerable items:
                sb.Append('[');
                foreach (var item in items) { Write(sb, item, depth + 1); sb.Append(','); }
                sb.Append(']');
                return;
        }
        var type = value.GetType();
        if (type.IsPrimitive || value is IFormattable) { sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); return; }
        sb.Append(type.Name).Append('(');
        foreach (var p in Properties.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                     .OrderBy(p => p.Name, StringComparer.Ordinal).ToArray()))
        {
            var propertyValue = p.GetValue(value);
            if (IsOmittedDefault(p, propertyValue)) continue;
            sb.Append(p.Name).Append(':');
            Write(sb, propertyValue, depth + 1);
            sb.Append(';');
        }
        sb.Append(')');
    }
}
