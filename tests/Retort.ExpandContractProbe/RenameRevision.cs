using Retort.Migrations;
using Retort.Operations;
using Retort.Schema;

namespace Retort.ExpandContractProbe;

/// <summary>Renames accounts.balance to amount online, with small fixed batches so a kill can land mid-backfill.</summary>
[Revision("ec_rename", Message = "rename accounts.balance to amount")]
public sealed class RenameBalance : Migration
{
    internal static readonly BatchOptions Batches = new() { BatchSize = 100, TargetBatchDuration = null };

    /// <inheritdoc />
    public override void Upgrade(Op op) => op.Online.RenameColumn("accounts", "balance", "amount", batching: Batches);
}
