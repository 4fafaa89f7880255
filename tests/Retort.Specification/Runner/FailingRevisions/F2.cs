using Retort.Migrations;
using Retort.Schema;

namespace Retort.Specification.Runner.FailingRevisions;

/// <summary>A revision that creates a table, adds a column, writes a row and then fails on a table that does not exist.</summary>
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
