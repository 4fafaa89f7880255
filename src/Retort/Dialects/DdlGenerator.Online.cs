using Retort.Operations;

namespace Retort.Dialects;

public abstract partial class DdlGenerator
{
    /// <summary>
    /// True when the dialect runs online operations (<see cref="OnlineOperation"/>) as expand and contract; otherwise they
    /// run in one step as their final shape (<see cref="OnlineOperation.FinalShape"/>). False by default.
    /// </summary>
    public virtual bool SupportsExpandContract => false;

    /// <summary>
    /// The expand phase of a revision's upgrade plan that holds online operations, as it runs: steps that add shadow
    /// columns and triggers, batched backfills, and the steps that create <paramref name="versions"/>' schemas of views
    /// (the last, in the transaction that records the revision as expanded). Only called when
    /// <see cref="SupportsExpandContract"/> is true.
    /// </summary>
    public virtual IReadOnlyList<MigrationOperation> Expand(IReadOnlyList<MigrationOperation> plan, OnlineVersions versions) =>
        throw new NotSupportedException($"The {Dialect.Name} dialect runs online operations in one step.");

    /// <summary>
    /// The contract phase of an expanded revision (<c>retort complete</c>), run in one transaction: the old version's
    /// schema, the triggers and the old columns dropped, the shadow columns and renamed objects given their final names.
    /// </summary>
    public virtual IReadOnlyList<SqlStatement> Contract(IReadOnlyList<OnlineOperation> operations, OnlineVersions versions) =>
        throw new NotSupportedException($"The {Dialect.Name} dialect runs online operations in one step.");

    /// <summary>
    /// What undoes the expand phase of a revision (<c>retort abort</c>), whether it finished or stopped part way, run in
    /// one transaction: the version schemas it made, its triggers and shadow columns dropped; the old columns, which the
    /// triggers kept up to date, stay as they are.
    /// </summary>
    public virtual IReadOnlyList<SqlStatement> AbortExpand(IReadOnlyList<OnlineOperation> operations, OnlineVersions versions) =>
        throw new NotSupportedException($"The {Dialect.Name} dialect runs online operations in one step.");
}
