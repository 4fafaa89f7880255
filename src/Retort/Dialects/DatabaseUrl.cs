using System.Text.RegularExpressions;

namespace Retort.Dialects;

/// <summary>
/// A database URL in SQLAlchemy's form: <c>scheme://user:password@host:port/database?key=value</c>.
/// SQLite uses <c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c> and <c>sqlite://</c> (in memory).
/// <see cref="ToString"/> never shows the password, nor the value of a secret query parameter (<c>?password=</c>).
/// </summary>
public sealed partial record DatabaseUrl
{
    /// <summary>Scheme (dialect), lower case, without any <c>+driver</c> suffix.</summary>
    public required string Scheme { get; init; }

    /// <summary>User name, or null.</summary>
    public string? User { get; init; }

    /// <summary>Password, or null. Never printed.</summary>
    public string? Password { get; init; }

    /// <summary>Host, or null.</summary>
    public string? Host { get; init; }

    /// <summary>Port, or null.</summary>
    public int? Port { get; init; }

    /// <summary>The part after the host's slash: database name, or the file path for SQLite ("" when absent).</summary>
    public string Database { get; init; } = "";

    /// <summary>Query parameters.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>True when <paramref name="text"/> looks like a URL (has <c>scheme://</c>).</summary>
    public static bool LooksLikeUrl(string text) => text.Contains("://", StringComparison.Ordinal);

    /// <summary>Parses a URL; a malformed one is a <see cref="RetortException"/> whose message hides the password.</summary>
    public static DatabaseUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var sep = url.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
            throw new RetortException($"'{Redact(url)}' is not a database URL. Write it as scheme://user:password@host:port/database, for example sqlite:///app.db or postgresql://app@localhost/app.");
        var scheme = url[..sep].ToLowerInvariant();
        var plus = scheme.IndexOf('+');
        if (plus >= 0) scheme = scheme[..plus];
        if (scheme.Length == 0 || !scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            throw new RetortException($"The database URL '{Redact(url)}' has an invalid scheme '{scheme}'.");
        var rest = url[(sep + 3)..];
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            foreach (var pair in rest[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) throw new RetortException($"The database URL '{Redact(url)}' has a malformed query parameter{Shown(pair, url)}; write key=value.{EncodingHint(url)}");
                query[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
            rest = rest[..q];
        }
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? rest[(slash + 1)..] : "";
        string? user = null, password = null, host = null;
        int? port = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(userInfo[(colon + 1)..]) : null;
        }
        if (authority.Length > 0)
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0 && !authority.EndsWith(']'))
            {
                if (!int.TryParse(authority[(colon + 1)..], out var p) || p is <= 0 or > 65535)
                    throw new RetortException($"The database URL '{Redact(url)}' has an invalid port{Shown(authority[(colon + 1)..], url)}.{EncodingHint(url)}");
                port = p;
                authority = authority[..colon];
            }
            host = authority.Trim('[', ']');
        }
        return new DatabaseUrl
        {
            Scheme = scheme, User = user, Password = password, Host = host, Port = port,
            Database = Uri.UnescapeDataString(database), Query = query,
        };
    }

    /// <summary>
    /// Replaces the password and every secret query parameter (<c>password=</c>, <c>sslpassword=</c>, …) in URL-like
    /// text by <c>***</c>, for messages about text that did not parse; other text is treated as a connection string.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!LooksLikeUrl(text)) return ConnectionStringRedactor.Redact(text);
        if (PasswordSpan(text) is var (start, end)) text = text[..start] + "***" + text[end..];
        // A value without a key may be a secret too.
        return QueryPair().Replace(text, m => m.Groups[2].Length == 0 || ConnectionStringRedactor.IsSecretKey(Uri.UnescapeDataString(m.Groups[2].Value))
            ? m.Groups[1].Value + m.Groups[2].Value + "=***"
            : m.Value);
    }

    [GeneratedRegex(@"([?&])([^=&?#]*)=([^&#]*)")]
    private static partial Regex QueryPair();

    /// <summary>
    /// Where the password of URL-like text may be: after the user name's colon, up to the user info's '@'. A
    /// password holding an unescaped '/', '?' or '@' moves that '@' past the host's slash; then everything up to the
    /// last '@' is taken, which may hide more than the password but never less.
    /// </summary>
    private static (int Start, int End)? PasswordSpan(string text)
    {
        var begin = text.IndexOf("://", StringComparison.Ordinal) + 3;
        if (begin < 3) return null;
        var slash = text.IndexOf('/', begin);
        var at = text.LastIndexOf('@', slash < 0 ? text.Length - 1 : slash);
        if (at < begin) at = text.LastIndexOf('@');
        if (at < begin) return null;
        var colon = text.IndexOf(':', begin);
        return colon >= 0 && colon < at ? (colon + 1, at) : null;
    }

    /// <summary>" 'fragment'" when the fragment of <paramref name="url"/> is safe to show in a message, else "".</summary>
    private static string Shown(string fragment, string url)
    {
        if (fragment.Length == 0) return " ''";
        if (fragment.StartsWith('=')) return ""; // a value without its key: it may be a secret
        if (PasswordSpan(url) is var (start, end))
            for (var i = url.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = url.IndexOf(fragment, i + 1, StringComparison.Ordinal))
                if (i < end && i + fragment.Length > start) return "";
        return $" '{fragment}'";
    }

    private static string EncodingHint(string url) => PasswordSpan(url) is null ? ""
        : " If the password holds characters such as @ / ? # : or %, percent-encode them (for example @ as %40).";

    /// <inheritdoc />
    public override string ToString()
    {
        var auth = User is null ? "" : Uri.EscapeDataString(User) + (Password is null ? "" : ":***") + "@";
        var host = Host ?? "";
        var port = Port is null ? "" : ":" + Port;
        var query = Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(kv => kv.Key + "=" + (ConnectionStringRedactor.IsSecretKey(kv.Key) ? "***" : kv.Value)));
        return $"{Scheme}://{auth}{host}{port}/{Database}{query}";
    }
}
