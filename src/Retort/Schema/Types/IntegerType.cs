namespace Retort.Schema.Types;

/// <summary>Integer of 16, 32 or 64 bits.</summary>
/// <param name="Size">The width.</param>
public sealed record IntegerType(IntegerSize Size) : SqlType;
