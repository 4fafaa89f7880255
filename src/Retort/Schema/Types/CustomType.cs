namespace Retort.Schema.Types;

/// <summary>A type Retort has no name for (read from an existing database); rendered verbatim.</summary>
/// <param name="Name">The database's type text, for example <c>MONEY</c>.</param>
public sealed record CustomType(string Name) : SqlType;
