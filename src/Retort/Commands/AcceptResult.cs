using Retort.Runner;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.AcceptAsync"/> accepted.</summary>
/// <param name="Accepted">The edits accepted; empty when no applied revision was edited.</param>
public sealed record AcceptResult(IReadOnlyList<EditedRevision> Accepted);
