namespace Retort.Schema.Types;

/// <summary>True/false.</summary>
public sealed record BooleanType : SqlType;
