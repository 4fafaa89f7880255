using System.Data.Common;

namespace Retort.Connections;

/// <summary>Hides secrets in ADO.NET connection strings before they reach any output.</summary>
public static class ConnectionStringRedactor
{
    private static readonly string[] SecretKeys = ["password", "pwd", "passfile", "sslpassword", "ssl password"];

    /// <summary>The connection string with every password-like value replaced by <c>***</c>.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
                if (SecretKeys.Contains(key.ToLowerInvariant())) builder[key] = "***";
            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Unparseable: show nothing of it rather than risk a secret.
            return "(unreadable connection string)";
        }
    }
}
