namespace Retort.Schema.Types;

/// <summary>Binary data; <paramref name="Length"/> null means unbounded.</summary>
/// <param name="Length">Maximum length in bytes, or null.</param>
public sealed record BinaryType(int? Length = null) : SqlType;
