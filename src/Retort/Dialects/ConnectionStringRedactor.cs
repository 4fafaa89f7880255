using System.Data.Common;

namespace Retort.Dialects;

/// <summary>Hides secrets in ADO.NET connection strings before they reach any output.</summary>
public static class ConnectionStringRedactor
{
    /// <summary>
    /// True when a connection string key or URL query parameter holds a secret: any spelling of password
    /// (<c>Password</c>, <c>pwd</c>, <c>sslpassword</c>, <c>SSL Password</c>, <c>ssl_password</c>), <c>passfile</c>,
    /// and keys that name a secret or a token.
    /// </summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var k = new string(key.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        return k.Contains("password", StringComparison.Ordinal) || k.Contains("passwd", StringComparison.Ordinal) ||
            k.Contains("pwd", StringComparison.Ordinal) || k == "passfile" ||
            k.Contains("secret", StringComparison.Ordinal) || k.Contains("token", StringComparison.Ordinal);
    }

    /// <summary>The connection string with every password-like value replaced by <c>***</c>.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
                if (IsSecretKey(key)) builder[key] = "***";
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Unparseable: show nothing of it rather than risk a secret.
            return "(unreadable connection string)";
        }
    }
}
