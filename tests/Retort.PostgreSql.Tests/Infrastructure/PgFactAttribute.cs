namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server. Without one it is skipped with a loud reason, except in CI
/// (<c>CI=true</c>), where it runs and fails with a message that says what is missing.
/// </summary>
public sealed class PgFactAttribute : FactAttribute
{
    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (a server can be had, or CI=true).</summary>
    public static string? SkipReason =>
        !PgServer.Available && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "SKIPPED: NO POSTGRESQL SERVER. Install PostgreSQL (initdb/pg_ctl) or set RETORT_TEST_PG_URL; in CI (CI=true) this is a failure."
            : null;

    /// <summary>Sets Skip when no server can be had outside CI.</summary>
    public PgFactAttribute()
    {
        if (SkipReason is { } reason) Skip = reason;
    }
}
