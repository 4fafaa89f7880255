using Retort.Migrations;
using Retort.Schema;

namespace Retort.PostgreSql.Tests.Revisions.Failing;

[Revision("f1", Message = "kept")]
public sealed class F1 : Migration
{
    public override void Upgrade(Op op) => op.CreateTable("kept", new Column("id", SqlType.Integer, primaryKey: true));
}

[Revision("f2", DownRevision = "f1", Message = "fails halfway")]
public sealed class F2 : Migration
{
    public override void Upgrade(Op op)
    {
        op.CreateTable("doomed", new Column("id", SqlType.Integer, primaryKey: true));
        op.AddColumn("kept", new Column("extra", SqlType.Text));
        op.Execute("INSERT INTO kept (id, extra) VALUES (1, 'x')");
        op.Execute("INSERT INTO no_such_table VALUES (1)");
    }
}
