using Retort.Dialects;

namespace Retort.Fleet;

/// <summary>
/// One database of a fleet: a database URL (or connection string), or one schema of a PostgreSQL database. Its
/// <see cref="DisplayName"/> never holds a password; <see cref="Url"/> may, and is never printed.
/// </summary>
public sealed class FleetTarget : IEquatable<FleetTarget>
{
    /// <summary>A target: the database at <paramref name="url"/>, or its schema <paramref name="schema"/> when given.</summary>
    public FleetTarget(string url, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Url = url;
        Schema = string.IsNullOrWhiteSpace(schema) ? null : schema;
        var shown = DatabaseUrl.Redact(url);
        DisplayName = Schema is null ? shown : $"{Schema} in {shown}";
    }

    /// <summary>The database's URL or connection string, as given (it may hold a password: print <see cref="DisplayName"/>).</summary>
    public string Url { get; }

    /// <summary>The tenant's schema in <see cref="Url"/>'s database, or null when the target is the whole database.</summary>
    public string? Schema { get; }

    /// <summary>What output, errors and the status table show: the URL with any password hidden, and the schema.</summary>
    public string DisplayName { get; }

    /// <summary>The key of the target's row in the status table (<see cref="DisplayName"/>): one row per database or schema.</summary>
    public string Key => DisplayName;

    /// <inheritdoc />
    public bool Equals(FleetTarget? other) => other is not null && other.Key == Key;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FleetTarget);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>The <see cref="DisplayName"/>.</summary>
    public override string ToString() => DisplayName;
}
