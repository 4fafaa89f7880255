using Retort.Migrations;

namespace Quickstart.Revisions;

/// <summary>Creates the tables of <see cref="AppSchema.Initial"/> and some data to migrate later.</summary>
[Revision("1a2b3c4d5e6f", Message = "create customer and legacy_order from the MetaData")]
public sealed class Revision_1a2b3c4d5e6f : Migration
{
    public override void Upgrade(Op op)
    {
        foreach (var table in AppSchema.Initial.SortedTables) op.CreateTable(table);
        op.BulkInsert("customer", [new { id = 1, name = "Ada Lovelace" }, new { id = 2, name = "Alan Turing" }]);
        op.BulkInsert("legacy_order",
        [
            new { id = 1, customer_name = "Ada Lovelace", item = "analytical engine", amount = 1843.00m },
            new { id = 2, customer_name = "Alan Turing", item = "bombe", amount = 1939.50m },
            new { id = 3, customer_name = "Ada Lovelace", item = "punched cards", amount = 12.25m },
        ]);
    }

    public override void Downgrade(Op op)
    {
        foreach (var table in AppSchema.Initial.SortedTables.Reverse()) op.DropTable(table.Name);
    }
}
