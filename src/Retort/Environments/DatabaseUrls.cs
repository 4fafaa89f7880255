using Retort.Dialects;

namespace Retort.Environments;

/// <summary>Helpers for database URLs given relative to a folder.</summary>
public static class DatabaseUrls
{
    /// <summary>
    /// Makes a relative SQLite file path in <paramref name="url"/> absolute, relative to <paramref name="directory"/>;
    /// other URLs and connection strings are returned unchanged.
    /// </summary>
    public static string Anchor(string url, string directory)
    {
        if (!url.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase) || !DatabaseUrl.LooksLikeUrl(url)) return url;
        var parsed = DatabaseUrl.Parse(url);
        if (parsed.Database.Length == 0 || parsed.Database == ":memory:" || Path.IsPathRooted(parsed.Database)) return url;
        var query = url.IndexOf('?');
        var absolute = Path.GetFullPath(Path.Combine(directory, parsed.Database)).Replace('\\', '/');
        return "sqlite:///" + absolute + (query >= 0 ? url[query..] : "");
    }
}
