namespace Retort.Specification.Data;

/// <summary>The transformed composite-key row.</summary>
public sealed record RegionCopy(string Region, string Code, string LabelUpper);
