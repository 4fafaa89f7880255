using Retort.Migrations;
using Retort.Schema;

namespace Quickstart.Revisions;

/// <summary>Adds a column (Alembic's <c>op.add_column</c>); the downgrade is derived automatically.</summary>
[Revision("2b3c4d5e6f7a", DownRevision = "1a2b3c4d5e6f", Message = "add email to customer")]
public sealed class Revision_2b3c4d5e6f7a : Migration
{
    public override void Upgrade(Op op) =>
        op.AddColumn("customer", new Column("email", SqlType.String(50), nullable: true));
}
