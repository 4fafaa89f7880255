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
    public IReadOnlyList<MigrationOperation> Steps { get; init; } = Operations;

    /// <summary>The revision with the dialect's safe recipes in its <see cref="Steps"/>.</summary>
    public RevisionPlan WithSafeRecipes(Dialect dialect) => this with { Steps = dialect.Generator.SafeRecipes(Operations) };

    /// <summary>
    /// True when the revision cannot be one transaction and runs phase by phase with recorded progress: batched data
    /// steps, steps the database runs only outside a transaction or in a transaction of their own, or any step where
    /// DDL is not transactional.
    /// </summary>
    public bool NeedsPhases(TransactionPolicy policy) =>
        Steps.Any(o => o is DataOperation { Atomic: false } or RecipeStep { Run: RecipeStepRun.OwnTransaction } || policy.RunsOutsideTransaction(o))
        || (!policy.TransactionalDdl && Steps.Count > 0);
}
