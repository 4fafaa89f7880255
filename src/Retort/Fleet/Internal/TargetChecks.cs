using Retort.Connections;

namespace Retort.Fleet.Internal;

/// <summary>The checks every target source makes: a dialect handles each target, and no target is listed twice.</summary>
internal static class TargetChecks
{
    /// <summary>A target whose URL a known dialect handles (checked without connecting).</summary>
    public static FleetTarget Target(string url, string? schema, string where)
    {
        try
        {
            // Opening a Database parses the URL and finds its dialect; it connects only when a connection is asked for.
            using var database = Database.Open(url);
        }
        catch (RetortException e)
        {
            throw new FleetInputException($"The target on {where} cannot be used: {e.Message} Nothing was changed.", e);
        }
        return new FleetTarget(url, schema);
    }

    public static void Unique(IReadOnlyList<FleetTarget> targets, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
            if (!seen.Add(target.Key))
                throw new FleetInputException($"{char.ToUpperInvariant(where[0])}{where[1..]} lists the target {target.DisplayName} more than once. " +
                    "List each database (or schema) once, so each is migrated by one run. Nothing was changed.");
    }
}
