using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.HeadsAsync"/> lists.</summary>
/// <param name="Heads">The head revisions.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record HeadsResult(IReadOnlyList<RevisionInfo> Heads, RevisionSet Revisions);
