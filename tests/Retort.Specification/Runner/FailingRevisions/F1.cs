using Retort.Migrations;
using Retort.Schema;

namespace Retort.Specification.Runner.FailingRevisions;

/// <summary>A revision that succeeds: the one the failure after it must keep.</summary>
[Revision("f1", Message = "kept")]
public sealed class F1 : Migration
{
    public override void Upgrade(Op op) => op.CreateTable("kept", new Column("id", SqlType.Integer, primaryKey: true));
}
