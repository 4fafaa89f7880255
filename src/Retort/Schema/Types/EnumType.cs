namespace Retort.Schema.Types;

/// <summary>
/// A named enumeration (SQLAlchemy's <c>Enum</c>): a native enum type on PostgreSQL (<c>CREATE TYPE … AS ENUM</c>),
/// a <c>VARCHAR</c> long enough for the longest label on databases without enum types.
/// </summary>
/// <param name="Name">The type's name.</param>
/// <param name="Values">The labels, in sort order.</param>
/// <param name="Schema">The type's schema, or null for the default.</param>
public sealed record EnumType(string Name, ValueList<string> Values, string? Schema = null) : SqlType
{
    /// <summary>Length of the longest label (the VARCHAR length where there is no enum type).</summary>
    public int MaxLength => Values.Count == 0 ? 1 : Values.Max(v => v.Length);
}
