using Retort.Revisions;

namespace Retort.Commands;

/// <summary>A revision more than one revision builds on.</summary>
/// <param name="Revision">The branch point.</param>
/// <param name="Children">The revisions built on it.</param>
public sealed record BranchPoint(RevisionInfo Revision, IReadOnlyList<RevisionInfo> Children);
