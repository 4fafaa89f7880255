namespace Retort.Schema.Types;

/// <summary>128-bit GUID (uuid).</summary>
public sealed record GuidType : SqlType;
