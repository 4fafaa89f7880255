using Retort.Revisions;

namespace Retort.Runner;

/// <summary>One revision applied or undone by a run.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Direction"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Skipped">True when another process had applied it meanwhile.</param>
/// <param name="Rows">Rows written by its batched data steps (over all runs), or null when it has none.</param>
public sealed record RevisionRun(RevisionInfo Revision, string Direction, TimeSpan Duration, bool Skipped = false, long? Rows = null);
