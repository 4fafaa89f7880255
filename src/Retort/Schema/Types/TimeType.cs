namespace Retort.Schema.Types;

/// <summary>Time of day.</summary>
public sealed record TimeType : SqlType;
