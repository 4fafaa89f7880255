namespace Retort.Schema.Types;

/// <summary>Character string; <paramref name="Length"/> null means unbounded VARCHAR.</summary>
/// <param name="Length">Maximum length in characters, or null.</param>
public sealed record StringType(int? Length = null) : SqlType;
