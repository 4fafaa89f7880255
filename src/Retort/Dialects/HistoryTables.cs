namespace Retort.Dialects;

/// <summary>The names of Retort's own tables in one database.</summary>
/// <param name="Version">The version table (one row per applied head).</param>
/// <param name="History">The history table (one row per run of a revision, stamp, accepted edit).</param>
/// <param name="Progress">The progress table (checkpoints of partly applied revisions).</param>
/// <param name="Schema">Their schema, or null for the default one.</param>
public sealed record HistoryTables(string Version, string History, string Progress, string? Schema);
