using Retort.Operations;

namespace Retort.Migrations;

/// <summary>
/// Base class of a C# revision. Mark the class with <see cref="RevisionAttribute"/>; build the upgrade plan in
/// <see cref="Upgrade"/>. <see cref="Downgrade"/> defaults to the reverse of the upgrade plan, which works when
/// every operation in it is reversible; override it otherwise.
/// </summary>
public abstract class Migration
{
    /// <summary>Adds the operations that move the database forward to this revision.</summary>
    public abstract void Upgrade(Op op);

    /// <summary>Adds the operations that undo this revision. By default, the upgrade plan reversed.</summary>
    public virtual void Downgrade(Op op)
    {
        var upgrade = new Op(op.DefaultSchema);
        Upgrade(upgrade);
        foreach (var operation in upgrade.Plan.Reverse())
        {
            if (!operation.IsReversible)
                throw new IrreversibleOperationException(operation,
                    "the revision has no Downgrade and this operation cannot be reversed automatically");
            op.Add(operation.Reverse());
        }
    }
}
