using Retort.Schema;

namespace Retort.PostgreSql;

/// <summary>
/// A PostgreSQL type Retort's neutral type system has no name for (an enum type, <c>inet</c>, an array, a
/// domain), written as PostgreSQL spells it. Reflection produces it for such columns, so they round-trip.
/// </summary>
/// <param name="Sql">The type as SQL, for example <c>inet</c> or <c>"public"."mood"</c>.</param>
public sealed record PostgreSqlType(string Sql) : SqlType
{
    /// <inheritdoc />
    public override string ToString() => Sql;
}
