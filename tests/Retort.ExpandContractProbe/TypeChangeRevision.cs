using Retort.Migrations;
using Retort.Schema;

namespace Retort.ExpandContractProbe;

/// <summary>Changes accounts.balance from integer to bigint online: a shadow column, triggers and a batched backfill.</summary>
[Revision("ec_bigint", Message = "accounts.balance integer to bigint")]
public sealed class BalanceToBigint : Migration
{
    /// <inheritdoc />
    public override void Upgrade(Op op) => op.Online.AlterColumnType("accounts", "balance", SqlType.BigInteger);
}
