using Retort.Migrations;

namespace Retort.ExpandContractProbe;

/// <summary>Renames accounts.balance to amount online.</summary>
[Revision("ec_rename", Message = "rename accounts.balance to amount")]
public sealed class RenameBalance : Migration
{
    /// <inheritdoc />
    public override void Upgrade(Op op) => op.Online.RenameColumn("accounts", "balance", "amount");
}
