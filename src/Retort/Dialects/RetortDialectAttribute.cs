using System.Diagnostics.CodeAnalysis;

namespace Retort.Dialects;

/// <summary>
/// Declares the <see cref="Dialect"/> an assembly provides and the URL schemes it handles, so
/// <see cref="DialectRegistry"/> finds it by scheme without the core naming any database, and creates only the
/// dialect a URL asks for: <c>[assembly: RetortDialect(typeof(SqliteDialect), "sqlite")]</c>. A new C# environment
/// references every assembly that declares a dialect, with the packages its metadata names
/// (<see cref="Environments.EnvironmentReference"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class RetortDialectAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type dialectType, params string[] schemes) : Attribute
{
    /// <summary>The dialect type; needs a public parameterless constructor.</summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    public Type DialectType { get; } = dialectType;

    /// <summary>The URL schemes and names it answers to (the first is its name).</summary>
    public IReadOnlyList<string> Schemes { get; } = schemes;

    /// <summary>A URL for the config of a new environment (<c>retort init</c>), for example <c>sqlite:///app.db</c>; null for none.</summary>
    public string? ExampleUrl { get; init; }

    /// <summary>
    /// True for a database in a file or in the process, which needs no server: a new environment's config takes the
    /// example URL of such a dialect first, so it works as created.
    /// </summary>
    public bool Embedded { get; init; }
}
