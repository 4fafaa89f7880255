namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>A PostgreSQL-only theory; skipped or failing as <see cref="PgFactAttribute"/> says.</summary>
public sealed class PgTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets Skip when no server can be had outside CI.</summary>
    public PgTheoryAttribute()
    {
        if (PostgreSqlDatabaseFactory.Instance.SkipReason is { } reason) Skip = reason;
    }
}
