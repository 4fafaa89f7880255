using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Retort.Operations;

/// <summary>Turns an anonymous object or a dictionary into named parameter values.</summary>
internal static class ParameterValues
{
    // An anonymous object's type is written in a revision, whose assembly a trimmed app keeps whole (as it must for its
    // revision classes to be found; see RevisionSet.TrimmingMessage), or is one the application reads itself.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "See the comment above; a dictionary needs no reflection.")]
    public static IReadOnlyDictionary<string, object?> From(object? source) => source switch
    {
        null => new Dictionary<string, object?>(),
        IReadOnlyDictionary<string, object?> d => new Dictionary<string, object?>(d),
        IDictionary<string, object> d => d.ToDictionary(kv => kv.Key, kv => (object?)kv.Value),
        _ => source.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, p => p.GetValue(source)),
    };
}
