namespace Retort.Runner;

/// <summary>
/// Revisions applied to the database were edited afterwards (as Flyway's <c>validate</c> reports them). Upgrades
/// refuse to run until each edit is undone or accepted (<see cref="Migrator.AcceptEditsAsync"/>, <c>retort accept</c>).
/// </summary>
public sealed class EditedRevisionsException(IReadOnlyList<EditedRevision> edited) : RetortException(BuildMessage(edited))
{
    /// <summary>The edited revisions, in the order they were applied.</summary>
    public IReadOnlyList<EditedRevision> Edited { get; } = edited;

    private static string BuildMessage(IReadOnlyList<EditedRevision> edited)
    {
        var list = string.Join("; ", edited.Select(e =>
            $"{e.Revision} ({e.Source}), applied {e.AppliedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC with checksum {Short(e.AppliedChecksum)}, now {Short(e.CurrentChecksum)}"));
        var ids = string.Join(' ', edited.Select(e => e.Revision));
        return $"{(edited.Count == 1 ? "A revision was" : $"{edited.Count} revisions were")} edited after {(edited.Count == 1 ? "it was" : "they were")} applied to this database: {list}. " +
            "What the database ran is no longer what the file says, so upgrades refuse to run. Restore the file(s) as they were applied; or, if the " +
            $"edit is intended and the database needs nothing more for it (a comment, a fix already made by hand), accept it with 'retort accept {ids}', " +
            "which records the new checksum in the history.";
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] + "…" : checksum;
}
