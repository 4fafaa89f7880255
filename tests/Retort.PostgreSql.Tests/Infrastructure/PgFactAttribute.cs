using Retort.Specification;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL-only test: skipped or failing exactly as the specification suites are (<see cref="SkipRule"/>, through
/// <see cref="PostgreSqlDatabaseFactory.SkipReason"/>): skipped with a loud reason without a server, except in CI.
/// </summary>
public sealed class PgFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when no server can be had outside CI.</summary>
    public PgFactAttribute()
    {
        if (PostgreSqlDatabaseFactory.Instance.SkipReason is { } reason) Skip = reason;
    }
}
