using Retort.Migrations;
using Retort.Schema;

namespace ZeroDowntime.Revisions;

/// <summary>The table version 1 of the application uses: customer (id, name, email).</summary>
[Revision("5a1e0c0de001", Message = "create customer")]
public sealed class Revision_5a1e0c0de001 : Migration
{
    public override void Upgrade(Op op) =>
        op.CreateTable("customer",
            new Column("id", SqlType.BigInteger, primaryKey: true) { Identity = true },
            new Column("name", SqlType.Text, nullable: false),
            new Column("email", SqlType.Text));

    public override void Downgrade(Op op) => op.DropTable("customer");
}
