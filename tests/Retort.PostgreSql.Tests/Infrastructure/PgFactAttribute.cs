namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server. Without one it is skipped with a loud reason, except in CI
/// (<c>CI=true</c>), where it runs and fails with a message that says what is missing.
/// </summary>
public sealed class PgFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when no server can be had outside CI.</summary>
    public PgFactAttribute()
    {
        if (!PgServer.Available && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = "SKIPPED: NO POSTGRESQL SERVER. Install PostgreSQL (initdb/pg_ctl) or set RETORT_TEST_PG_URL; in CI (CI=true) this is a failure.";
    }
}
