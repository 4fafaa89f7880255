namespace Retort.Specification.Data;

/// <summary>A source row, read by Dapper (snake_case columns match these properties).</summary>
public sealed class Item
{
    public long Id { get; init; }
    public string Data { get; init; } = "";
}
