namespace Retort.Schema.Types;

/// <summary>Unbounded text (TEXT).</summary>
public sealed record TextType : SqlType;
