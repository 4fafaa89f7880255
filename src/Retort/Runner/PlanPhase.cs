using Retort.Operations;

namespace Retort.Runner;

/// <summary>
/// A part of a revision's plan: a run of schema operations (and atomic data steps) that share one transaction, one batched data step,
/// one operation that must run outside any transaction (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>), or one recipe
/// step that runs in a transaction of its own. A plan is split at each of the latter three; <see cref="Step"/> is the
/// index of the phase's first operation.
/// </summary>
internal sealed record PlanPhase(int Step, IReadOnlyList<MigrationOperation> Operations, bool Outside = false)
{
    // An atomic data step runs inside its schema phase's transaction, like any schema operation.
    public DataOperation? Data => Operations is [DataOperation { Atomic: false } d] ? d : null;

    public static IReadOnlyList<PlanPhase> Split(IReadOnlyList<MigrationOperation> plan, Func<MigrationOperation, bool> runsOutsideTransaction)
    {
        var phases = new List<PlanPhase>();
        var start = 0;
        var current = new List<MigrationOperation>();
        for (var i = 0; i < plan.Count; i++)
        {
            var outside = runsOutsideTransaction(plan[i]);
            if (plan[i] is DataOperation { Atomic: false } or Dialects.RecipeStep { Run: Dialects.RecipeStepRun.OwnTransaction } || outside)
            {
                if (current.Count > 0) phases.Add(new PlanPhase(start, current));
                phases.Add(new PlanPhase(i, [plan[i]], outside));
                current = [];
                start = i + 1;
            }
            else current.Add(plan[i]);
        }
        // The last phase also records the revision; it may hold no operation at all.
        phases.Add(new PlanPhase(start, current));
        return phases;
    }
}
