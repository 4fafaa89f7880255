namespace Retort.Dialects;

/// <summary>
/// Declares the <see cref="Dialect"/> an assembly provides and the URL schemes it handles, so
/// <see cref="DialectRegistry"/> finds it by scheme without the core naming any database, and creates only the
/// dialect a URL asks for: <c>[assembly: RetortDialect(typeof(SqliteDialect), "sqlite")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class RetortDialectAttribute(Type dialectType, params string[] schemes) : Attribute
{
    /// <summary>The dialect type; needs a public parameterless constructor.</summary>
    public Type DialectType { get; } = dialectType;

    /// <summary>The URL schemes and names it answers to (the first is its name).</summary>
    public IReadOnlyList<string> Schemes { get; } = schemes;
}
