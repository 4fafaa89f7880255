using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Retort.Connections;
using Retort.Dialects;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// PostgreSQL's URLs (libpq spellings, session settings such as lock_timeout), Npgsql connections that name the
/// failed command of a batch, the lock and statement timeouts set on every session, and scratch databases.
/// </summary>
internal sealed partial class PostgreSqlConnections(PostgreSqlDialect dialect) : DialectConnections
{
    // libpq spellings users know from psql URLs, mapped to Npgsql's keys.
    private static readonly Dictionary<string, string> LibpqKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["search_path"] = "Search Path",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    // Server settings that may be given in the URL and are passed as "-c name=value" at session start.
    private static readonly HashSet<string> SessionSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout",
    };

    [GeneratedRegex(@"^\d+(\.\d+)?\s*(us|ms|s|min|h|d)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(?i)\b(password|pwd|ssl\s*password)\s*=\s*(""[^""]*""|'[^']*'|[^;]*)")]
    private static partial Regex PasswordPattern();

    /// <inheritdoc />
    public override string ConnectionStringFromUrl(DatabaseUrl url)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        if (url.Host is not null) builder.Host = url.Host;
        if (url.Port is not null) builder.Port = url.Port.Value;
        if (url.User is not null) builder.Username = url.User;
        if (url.Password is not null) builder.Password = url.Password;
        if (url.Database.Length > 0) builder.Database = url.Database;
        var settings = new List<string>();
        foreach (var (key, value) in url.Query)
        {
            if (SessionSettings.Contains(key))
            {
                if (!DurationPattern().IsMatch(value))
                    throw new RetortException($"The database URL {url} sets {key}={value}, which is not a duration. Write it like 5s, 500ms or 1min.");
                settings.Add($"-c {key.ToLowerInvariant()}={value.Replace(" ", "", StringComparison.Ordinal)}");
                continue;
            }
            var npgsqlKey = LibpqKeys.GetValueOrDefault(key, key);
            try { builder[npgsqlKey] = value; }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
            {
                var secret = ConnectionStringRedactor.IsSecretKey(key) || ConnectionStringRedactor.IsSecretKey(npgsqlKey);
                throw new RetortException($"The database URL {url} has a query parameter '{key}' that Npgsql does not accept" +
                    (secret ? "." : $": {e.Message}") + " Use libpq names such as sslmode, application_name, connect_timeout, or Npgsql connection string keys.");
            }
        }
        if (settings.Count > 0)
            builder.Options = string.Join(' ', new[] { builder.Options }.Concat(settings).Where(s => !string.IsNullOrEmpty(s)));
        return builder.ConnectionString;
    }

    /// <inheritdoc />
    public override string? SearchPathStatement(string schema) =>
        "SET search_path TO \"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <inheritdoc />
    public override string RedactConnectionString(string connectionString)
    {
        // Also used on driver messages, which are not connection strings: hide anything password-like in any text.
        var text = DatabaseUrl.LooksLikeUrl(connectionString) ? DatabaseUrl.Redact(connectionString) : connectionString;
        return PasswordPattern().Replace(text, m => m.Groups[1].Value + "=***");
    }

    /// <inheritdoc />
    public override async Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var startup = new NpgsqlConnectionStringBuilder(connection.ConnectionString).Options ?? "";
        var statements = new List<string>();
        // Settings given in the URL were applied at session start; the options fill in the rest.
        if (!startup.Contains("lock_timeout", StringComparison.OrdinalIgnoreCase))
            statements.Add($"SET lock_timeout = '{Milliseconds(dialect.Options.LockTimeout)}ms'");
        if (dialect.Options.StatementTimeout is { } st && !startup.Contains("statement_timeout", StringComparison.OrdinalIgnoreCase))
            statements.Add($"SET statement_timeout = '{Milliseconds(st)}ms'");
        if (statements.Count == 0) return;
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join("; ", statements);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Milliseconds(TimeSpan t) => ((long)Math.Ceiling(t.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// An application's data source must report which statement of a batch failed, as the connections Retort makes
    /// itself do (<see cref="CreateConnection"/>): without it a failed batch cannot name its statement and a DDL
    /// statement that hit <c>lock_timeout</c> inside a batch is not retried.
    /// </summary>
    public override void CheckDataSource(DbDataSource dataSource)
    {
        if (dataSource is NpgsqlDataSource && !new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).IncludeFailedBatchedCommand)
            throw new RetortException("The NpgsqlDataSource given to Retort does not report which statement of a batch failed, which Retort needs to name a " +
                "failing statement and to retry one that hit lock_timeout. Add 'Include Failed Batched Command=true' to its connection string " +
                "(or set builder.ConnectionStringBuilder.IncludeFailedBatchedCommand = true on the NpgsqlDataSourceBuilder).");
    }

    /// <summary>
    /// Creates a connection that reports which statement of a batch failed (<c>Include Failed Batched Command</c>),
    /// so a revision's statements can travel in one batch and an error still names its statement.
    /// </summary>
    public override DbConnection CreateConnection(string connectionString)
    {
        try { return new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { IncludeFailedBatchedCommand = true }.ConnectionString); }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql names the key it refused; the value may be a secret, so only the redacted string is shown.
            throw new RetortException($"The PostgreSQL connection string '{RedactConnectionString(connectionString)}' is invalid: {RedactConnectionString(e.Message)} " +
                "Use Npgsql connection string keys (Host, Port, Username, Password, Database, SSL Mode, …) or a postgresql:// URL.", e);
        }
    }

    /// <inheritdoc />
    public override async Task<ScratchDatabase> CreateScratchDatabaseAsync(string? connectionString, CancellationToken cancellationToken)
    {
        if (connectionString is null)
            throw new RetortException("A throwaway PostgreSQL database needs a server: pass its URL (the named database is only connected to, never changed).");
        var name = "retort_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = new NpgsqlConnection(connectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {dialect.QuoteIdentifier(name)}", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var scratch = new NpgsqlConnectionStringBuilder(connectionString) { Database = name, Pooling = false }.ConnectionString;
        return new ScratchDatabase(scratch, async () =>
        {
            await using var server = new NpgsqlConnection(connectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {dialect.QuoteIdentifier(name)} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
