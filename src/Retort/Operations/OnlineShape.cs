namespace Retort.Operations;

/// <summary>
/// What an <see cref="OnlineOperation"/> changes, in the terms a dialect builds expand and contract from: the table's
/// new name, renamed columns, new columns (shadow columns during the expand, computed from the old shape) and retired
/// columns (dropped by the contract, computed from the new shape while the old application still writes them).
/// </summary>
public sealed record OnlineShape
{
    /// <summary>The table's new name, or null when it keeps its name.</summary>
    public string? NewTableName { get; init; }

    /// <summary>Columns renamed, old name to new name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RenamedColumns { get; init; } = [];

    /// <summary>Columns of the new shape that the expand adds as shadow columns.</summary>
    public IReadOnlyList<OnlineNewColumn> NewColumns { get; init; } = [];

    /// <summary>Columns of the old shape that the contract drops.</summary>
    public IReadOnlyList<OnlineRetiredColumn> RetiredColumns { get; init; } = [];
}
