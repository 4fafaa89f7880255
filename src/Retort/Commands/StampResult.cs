using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.StampAsync"/> recorded.</summary>
/// <param name="Heads">The revisions the database is now recorded at; empty for base.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record StampResult(IReadOnlyList<RevisionInfo> Heads, RevisionSet Revisions);
