namespace Retort.Dialects;

/// <summary>
/// Declares the <see cref="Dialect"/> an assembly provides, so <see cref="DialectRegistry"/> finds it by URL
/// scheme without the core naming any database: <c>[assembly: RetortDialect(typeof(SqliteDialect))]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class RetortDialectAttribute(Type dialectType) : Attribute
{
    /// <summary>The dialect type; needs a public parameterless constructor.</summary>
    public Type DialectType { get; } = dialectType;
}
