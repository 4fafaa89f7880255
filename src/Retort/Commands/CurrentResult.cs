using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.CurrentAsync"/> found.</summary>
/// <param name="Database">The database's display name (never with a password).</param>
/// <param name="DatabaseExists">False for a SQLite file that does not exist (then nothing was read or created).</param>
/// <param name="Heads">The revisions the database is at; empty at base.</param>
/// <param name="InProgress">Revisions partly applied (a stopped data step or step outside the transaction), one entry per direction.</param>
/// <param name="Problem">What an upgrade would refuse, as its error says it (the version table contradicts the history, applied revisions were edited); null when nothing.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record CurrentResult(string Database, bool DatabaseExists, IReadOnlyList<RevisionInfo> Heads,
    IReadOnlyList<PartialRevision> InProgress, string? Problem, RevisionSet Revisions)
{
    /// <summary>Revisions whose online operations are expanded and wait for <c>retort complete</c>, with their version schemas.</summary>
    public IReadOnlyList<Runner.WaitingRevision> Waiting { get; init; } = [];
}
