using Retort.Migrations;
using Retort.Schema;

namespace Retort.PublishedApp;

[Revision("b2c3d4e5f6a1", DownRevision = "a1b2c3d4e5f6", Message = "add email")]
public sealed class AddEmail : Migration
{
    public override void Upgrade(Op op) =>
        op.AddColumn("accounts", new Column("email", SqlType.String(200), nullable: true));
}
