namespace Retort.Specification.Data;

/// <summary>A row with a composite text key.</summary>
public sealed class RegionItem
{
    public string Region { get; init; } = "";
    public string Code { get; init; } = "";
    public string Label { get; init; } = "";
}
