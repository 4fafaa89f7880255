using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Specification.Support;

/// <summary>A revision built from lambdas, for tests.</summary>
public sealed class InlineScript(Action<Op> upgrade, Action<Op>? downgrade = null) : IMigrationScript
{
    public void BuildUpgrade(Op op) => upgrade(op);

    public void BuildDowngrade(Op op)
    {
        if (downgrade is not null) { downgrade(op); return; }
        var up = new Op(op.DefaultSchema);
        upgrade(up);
        foreach (var o in up.Plan.Reverse()) op.Add(o.Reverse());
    }

    public string? IrreversibleReason => null;

    public string Source => "test";

    /// <summary>A one-revision set.</summary>
    public static RevisionSet Single(Action<Op> upgrade, Action<Op>? downgrade = null) =>
        new([new Revision(RevisionInfo.Create("r1", null, "test"), new InlineScript(upgrade, downgrade))]);
}
