using Retort.Migrations;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.BranchesAsync"/> lists.</summary>
/// <param name="BranchPoints">The branch points, in graph order.</param>
/// <param name="Revisions">Every revision.</param>
public sealed record BranchesResult(IReadOnlyList<BranchPoint> BranchPoints, RevisionSet Revisions);
