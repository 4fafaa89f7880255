using Retort.Migrations;
using Retort.Schema;

namespace Retort.PublishedApp;

[Revision("a1b2c3d4e5f6", Message = "create accounts")]
public sealed class CreateAccounts : Migration
{
    public override void Upgrade(Op op)
    {
        op.CreateTable("accounts",
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.String(100), nullable: false));
        op.CreateIndex("ix_accounts_name", "accounts", ["name"]);
    }
}
