namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>A theory that needs a PostgreSQL server; skipped or failing as <see cref="PgFactAttribute"/> says.</summary>
public sealed class PgTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets Skip when no server can be had outside CI.</summary>
    public PgTheoryAttribute()
    {
        if (PgFactAttribute.SkipReason is { } reason) Skip = reason;
    }
}
