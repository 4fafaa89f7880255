using Retort.Dialects;
using Retort.Operations;
using Retort.Revisions;

namespace Retort.Runner;

/// <summary>One revision of a run with the plan it runs in the run's direction.</summary>
/// <param name="Info">The revision.</param>
/// <param name="Operations">Its upgrade or downgrade plan.</param>
/// <param name="Up">True for an upgrade.</param>
internal sealed record RevisionPlan(RevisionInfo Info, IReadOnlyList<MigrationOperation> Operations, bool Up)
{
    /// <summary>The lint findings allowed in this revision, one <c>RT### reason</c> line each, for its history row; null when none.</summary>
    public string? Allowed { get; init; }

    /// <summary><c>upgrade</c> or <c>downgrade</c>.</summary>
    public string Direction => Up ? "upgrade" : "downgrade";

    /// <summary>
    /// The plan as it runs: <see cref="Operations"/>, or with the dialect's safe recipes in place of the operations
    /// they stand for (<see cref="DdlGenerator.SafeRecipes"/>). The checksum stays that of <see cref="Operations"/>.
    /// </summary>
    public IReadOnlyList<MigrationOperation> Steps { get; init; } = OnlineOperation.FinalShapeOf(Operations);

    /// <summary>
    /// True when <see cref="Steps"/> are the expand phase of online operations: the revision is recorded as expanded
    /// (history direction <c>expand</c>) and waits for <c>retort complete</c>.
    /// </summary>
    public bool Expands { get; init; }

    /// <summary>The direction its history row records: <c>expand</c> for an expand, else <see cref="Direction"/>.</summary>
    public string RecordedDirection => Expands ? HistoryReplay.Expand : Direction;

    /// <summary>
    /// The revision with the dialect's safe recipes in its <see cref="Steps"/>. An upgrade with online operations runs
    /// as their expand phase where the dialect supports it (<paramref name="online"/> runs only: an offline script
    /// writes the final shape); otherwise online operations run as their final shape.
    /// </summary>
    public RevisionPlan WithSafeRecipes(Dialect dialect, bool online = true)
    {
        if (online && Up && dialect.Generator.SupportsExpandContract && Operations.Any(o => o is OnlineOperation))
            return this with { Steps = dialect.Generator.Expand(Operations, OnlineVersionsOf(Info)), Expands = true };
        return this with { Steps = dialect.Generator.SafeRecipes(OnlineOperation.FinalShapeOf(Operations)) };
    }

    /// <summary>The versions a revision's expand serves: its own and its parent's.</summary>
    public static OnlineVersions OnlineVersionsOf(RevisionInfo info) => new(info.Id, info.DownRevisions.Count == 1 ? info.DownRevisions[0] : null);

    /// <summary>
    /// True when the revision cannot be one transaction and runs phase by phase with recorded progress: batched data
    /// steps, steps the database runs only outside a transaction or in a transaction of their own, or any step where
    /// DDL is not transactional.
    /// </summary>
    public bool NeedsPhases(TransactionPolicy policy) =>
        Steps.Any(o => o is DataOperation { Atomic: false } or RecipeStep { Run: RecipeStepRun.OwnTransaction } || policy.RunsOutsideTransaction(o))
        || (!policy.TransactionalDdl && Steps.Count > 0);
}
