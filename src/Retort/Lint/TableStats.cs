namespace Retort.Lint;

/// <summary>What the live catalogue says about one table (<c>retort lint --url</c>).</summary>
/// <param name="Rows">The estimated row count.</param>
/// <param name="Bytes">The size on disk, with indexes and TOAST.</param>
public sealed record TableStats(long Rows, long Bytes);
