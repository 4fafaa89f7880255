namespace Retort.Specification.Data;

/// <summary>A target row; its properties are the target's columns (id, data_upper).</summary>
public sealed record ItemCopy(long Id, string DataUpper);
