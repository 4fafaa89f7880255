using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Sqlite.Tests.Support;

/// <summary>A revision defined inline by two lambdas, for tests.</summary>
public sealed class LambdaScript(Action<Op> upgrade, Action<Op>? downgrade = null) : IMigrationScript
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
}

public static class Rev
{
    /// <summary>A linear chain of revisions r1, r2, … each built from one lambda.</summary>
    public static RevisionSet Chain(params Action<Op>[] upgrades) =>
        new(upgrades.Select((u, i) => new Revision(
            RevisionInfo.Create($"r{i + 1}", i == 0 ? null : $"r{i}", $"step {i + 1}"), new LambdaScript(u))));

    public static Revision Of(string id, string? down, Action<Op> up, Action<Op>? downgrade = null) =>
        new(RevisionInfo.Create(id, down, id), new LambdaScript(up, downgrade));
}
