using Retort.Autogenerate;
using Retort.Revisions;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.RevisionAsync"/> or <see cref="MigrationCommands.MergeAsync"/> wrote.</summary>
/// <param name="Path">The new file; null when autogenerate found no change and no empty revision was asked for.</param>
/// <param name="Revision">The new revision; null when nothing was written.</param>
/// <param name="Diff">With autogenerate, the differences found (its operations and possible renames); else null.</param>
public sealed record NewRevisionResult(string? Path, RevisionInfo? Revision, SchemaDiff? Diff)
{
    /// <summary>With autogenerate, what <c>retort lint</c> finds in the new revision's upgrade plan (never stops anything here).</summary>
    public IReadOnlyList<Lint.LintFinding> Findings { get; init; } = [];

    /// <summary>True when a file was written.</summary>
    public bool Written => Path is not null;
}
