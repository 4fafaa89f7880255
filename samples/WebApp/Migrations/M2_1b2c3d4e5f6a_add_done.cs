using Retort.Migrations;
using Retort.Schema;

namespace WebApp.Migrations;

/// <summary>Adds the done flag, false for the rows there are; the downgrade is derived.</summary>
[Revision("1b2c3d4e5f6a", DownRevision = "0a1b2c3d4e5f", Message = "add done to todo")]
public sealed class Revision_1b2c3d4e5f6a : Migration
{
    public override void Upgrade(Op op) =>
        op.AddColumn("todo", new Column("done", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(false)));
}
