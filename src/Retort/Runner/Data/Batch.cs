namespace Retort.Runner.Data;

/// <summary>One batch's outcome: rows walked, rows written, the key to resume after (null: unchanged), whether it was the last.</summary>
internal readonly record struct Batch(int Count, long Written, object?[]? Last, bool Finished);
