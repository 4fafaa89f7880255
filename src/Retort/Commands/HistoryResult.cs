using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.HistoryAsync"/> lists.</summary>
/// <param name="Shown">The revisions in the range, newest first.</param>
/// <param name="Current">The revisions the database is at, when it was read; else empty.</param>
/// <param name="Edited">Applied revisions edited since they were applied, when looked for; else empty.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record HistoryResult(IReadOnlyList<RevisionInfo> Shown, IReadOnlyList<string> Current, IReadOnlyList<EditedRevision> Edited, RevisionSet Revisions)
{
    /// <summary>
    /// The lint findings allowed when each revision was last upgraded (one <c>RT### reason</c> line each), by revision id,
    /// from the history table; read only when the database was.
    /// </summary>
    public IReadOnlyDictionary<string, string> Allowed { get; init; } = new Dictionary<string, string>();

    /// <summary>The ids of revisions expanded and waiting for <c>retort complete</c>; read only when the database was.</summary>
    public IReadOnlyList<string> Waiting { get; init; } = [];
}
