namespace Retort.Behaviour.Data;

/// <summary>A source row, read by Dapper (snake_case columns match these properties).</summary>
public sealed class Item
{
    public long Id { get; init; }
    public string Data { get; init; } = "";
}

/// <summary>A target row; its properties are the target's columns (id, data_upper).</summary>
public sealed record ItemCopy(long Id, string DataUpper);

/// <summary>A row with a composite text key.</summary>
public sealed class RegionItem
{
    public string Region { get; init; } = "";
    public string Code { get; init; } = "";
    public string Label { get; init; } = "";
}

/// <summary>The transformed composite-key row.</summary>
public sealed record RegionCopy(string Region, string Code, string LabelUpper);
