using Retort.Migrations;
using Retort.Schema;

namespace WebApp.Migrations;

/// <summary>Creates the todo table with a first row.</summary>
[Revision("0a1b2c3d4e5f", Message = "create todo")]
public sealed class Revision_0a1b2c3d4e5f : Migration
{
    public override void Upgrade(Op op)
    {
        op.CreateTable("todo",
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("title", SqlType.String(200), nullable: false));
        op.BulkInsert("todo", [new { id = 1, title = "Read docs/aspnet-core.md" }, new { id = 2, title = "Add a revision" }]);
    }

    public override void Downgrade(Op op) => op.DropTable("todo");
}
