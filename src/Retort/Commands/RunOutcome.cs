using Retort.Revisions;

namespace Retort.Commands;

/// <summary>
/// What an upgrade or downgrade that failed or was cancelled left behind, read back from the database rather
/// than assumed: which revisions of the run were rolled back, which stay, which are partly applied.
/// </summary>
/// <param name="Direction"><c>upgrade</c> or <c>downgrade</c>.</param>
/// <param name="RolledBack">Revisions of the run whose change is not in the database (the one that failed among them).</param>
/// <param name="Kept">Revisions of the run whose change stays.</param>
/// <param name="PartlyApplied">Revisions with committed phases or batches that are not recorded as applied (run again to resume).</param>
/// <param name="Heads">The revisions the database is at; null when they could not be read back.</param>
/// <param name="Summary">
/// The outcome as one paragraph, to print after the error; null when no revision had started and the run was not
/// cancelled (the error then came before anything was written, and says so itself).
/// </param>
public sealed record RunOutcome(string Direction, IReadOnlyList<RevisionInfo> RolledBack, IReadOnlyList<RevisionInfo> Kept,
    IReadOnlyList<string> PartlyApplied, IReadOnlyList<RevisionInfo>? Heads, string? Summary);
