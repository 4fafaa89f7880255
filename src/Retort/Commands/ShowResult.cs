using Retort.Migrations;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.ShowAsync"/> shows.</summary>
/// <param name="Shown">The revisions named, each with its plans.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record ShowResult(IReadOnlyList<RevisionDetail> Shown, RevisionSet Revisions);
