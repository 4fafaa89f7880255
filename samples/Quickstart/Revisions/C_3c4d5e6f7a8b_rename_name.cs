using Retort.Migrations;

namespace Quickstart.Revisions;

/// <summary>Renames a column with its data intact (Alembic's <c>op.alter_column(new_column_name=…)</c>).</summary>
[Revision("3c4d5e6f7a8b", DownRevision = "2b3c4d5e6f7a", Message = "rename customer.name to full_name")]
public sealed class Revision_3c4d5e6f7a8b : Migration
{
    public override void Upgrade(Op op) =>
        op.AlterColumn("customer", "name", newColumnName: "full_name");
}
