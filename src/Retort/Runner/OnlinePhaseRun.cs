using Retort.Revisions;

namespace Retort.Runner;

/// <summary>A contract (<c>complete</c>) or an abort of an expanded revision.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Phase"><c>complete</c> or <c>abort</c>.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Skipped">True when another run had done it meanwhile.</param>
public sealed record OnlinePhaseRun(RevisionInfo Revision, string Phase, TimeSpan Duration, bool Skipped = false);
