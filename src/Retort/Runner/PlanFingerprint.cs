using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
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

    // Each operation type's name and properties, looked up once per process (a run fingerprints every applied revision): the
    // property, its name (read from metadata once: a native build decodes it on every read), and whether it counts
    // only once set (see the attribute: a property added later leaves earlier checksums as they were) with the
    // default it is compared with.
    private sealed record FingerprintProperty(PropertyInfo Property, string Name, bool OmitsDefault, object? Default);

    private static readonly ConcurrentDictionary<Type, (string Name, FingerprintProperty[] Properties)> Types = new();

    // The values fingerprinted are operations and the schema values they hold (Retort.Operations, Retort.Schema), whose
    // public properties a trimmed app keeps whole (ILLink.Descriptors.xml): the checksum is the same in every publish.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See the comment above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Only value types' defaults are created; see the comment above.")]
    private static (string Name, FingerprintProperty[] Properties) Shape(Type type) => Types.GetOrAdd(type, static t => (t.Name, t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && !p.IsDefined(typeof(FingerprintIgnoreAttribute), inherit: true))
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => new FingerprintProperty(p, p.Name, p.IsDefined(typeof(FingerprintOmitsDefaultAttribute), inherit: true),
            p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null))
        .ToArray()));

    private static bool IsOmittedDefault(FingerprintProperty property, object? value) =>
        property.OmitsDefault && (value is null || (property.Default is not null && value.Equals(property.Default)));

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
        var shape = Shape(type);
        sb.Append(shape.Name).Append('(');
        foreach (var p in shape.Properties)
        {
            var propertyValue = p.Property.GetValue(value);
            if (IsOmittedDefault(p, propertyValue)) continue;
            sb.Append(p.Name).Append(':');
            Write(sb, propertyValue, depth + 1);
            sb.Append(';');
        }
        sb.Append(')');
    }
}
