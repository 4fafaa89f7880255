using Retort.Operations;

namespace Retort.Runner;

/// <summary>
/// A part of a revision's plan: a run of schema operations that share one transaction, or one batched data step.
/// A plan is split at every data step; <see cref="Step"/> is the index of the phase's first operation.
/// </summary>
internal sealed record PlanPhase(int Step, IReadOnlyList<MigrationOperation> Operations)
{
    public DataOperation? Data => Operations is [DataOperation d] ? d : null;

    public static IReadOnlyList<PlanPhase> Split(IReadOnlyList<MigrationOperation> plan)
    {
        var phases = new List<PlanPhase>();
        var start = 0;
        var current = new List<MigrationOperation>();
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i] is DataOperation d)
            {
                if (current.Count > 0) phases.Add(new PlanPhase(start, current));
                phases.Add(new PlanPhase(i, [d]));
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
