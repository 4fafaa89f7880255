using Retort.Revisions;

namespace Retort.Runner;

/// <summary>A revision whose online operations are expanded and wait for <c>retort complete</c>.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="OldVersionSchemas">The schemas of views of the old version (its parent), one per schema of the tables it changes.</param>
/// <param name="NewVersionSchemas">The schemas of views of the new version (the revision), one per schema of the tables it changes.</param>
/// <param name="Operations">Its online operations, described.</param>
public sealed record WaitingRevision(RevisionInfo Revision, IReadOnlyList<string> OldVersionSchemas, IReadOnlyList<string> NewVersionSchemas,
    IReadOnlyList<string> Operations);
