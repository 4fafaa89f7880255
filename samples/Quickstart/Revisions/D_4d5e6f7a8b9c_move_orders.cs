using Retort.Migrations;
using Retort.Schema;

namespace Quickstart.Revisions;

/// <summary>
/// Moves data from an old table to a new one through C# code: each legacy order (customer by name, amount in
/// currency units) becomes an order_line (customer by id, amount in cents). The rows are read in batches as
/// typed objects, transformed in C#, and written in batches, each batch committed with a checkpoint, so a run
/// that dies resumes where it stopped. The downgrade moves them back the same way.
/// </summary>
[Revision("4d5e6f7a8b9c", DownRevision = "3c4d5e6f7a8b", Message = "move legacy_order into order_line")]
public sealed class Revision_4d5e6f7a8b9c : Migration
{
    public override void Upgrade(Op op)
    {
        op.CreateTable("order_line",
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("customer_id", SqlType.Integer, nullable: false, references: "customer.id"),
            new Column("item", SqlType.String(100), nullable: false),
            new Column("amount_cents", SqlType.BigInteger, nullable: false));
        op.Transform<LegacyOrder, OrderLine>(
            // SQLite stores a NUMERIC value as an integer or a real, row by row; the cast gives the mapper one type.
            "SELECT o.id, c.id AS customer_id, o.customer_name, o.item, CAST(o.amount AS REAL) AS amount FROM legacy_order o LEFT JOIN customer c ON c.full_name = o.customer_name",
            "order_line",
            o => new OrderLine(o.Id, o.CustomerId ?? throw new InvalidOperationException($"legacy order {o.Id} names unknown customer '{o.CustomerName}'"),
                o.Item, (long)Math.Round(o.Amount * 100)),
            keyColumns: ["id"], description: "legacy_order rows into order_line");
        // Its rows were moved into order_line just above, so dropping it loses nothing: say so to the lint gate.
        op.DropTable("legacy_order").Allow("RT004", "its rows were moved into order_line by the transform above");
    }

    public override void Downgrade(Op op)
    {
        op.CreateTable(AppSchema.Initial["legacy_order"]);
        op.Transform<OrderLineWithName, LegacyOrder>(
            "SELECT o.id, c.full_name AS customer_name, o.item, o.amount_cents FROM order_line o JOIN customer c ON c.id = o.customer_id",
            "legacy_order",
            o => new LegacyOrder { Id = o.Id, CustomerName = o.CustomerName, Item = o.Item, Amount = o.AmountCents / 100m },
            keyColumns: ["id"], description: "order_line rows back into legacy_order");
        op.DropTable("order_line");
    }

    /// <summary>A legacy_order row (plus the customer id it resolves to, when reading it).</summary>
    public sealed class LegacyOrder
    {
        public long Id { get; init; }
        [System.ComponentModel.DataAnnotations.Schema.NotMapped] public long? CustomerId { get; init; }
        public string CustomerName { get; init; } = "";
        public string Item { get; init; } = "";
        public decimal Amount { get; init; }
    }

    /// <summary>An order_line row.</summary>
    public sealed record OrderLine(long Id, long CustomerId, string Item, long AmountCents);

    /// <summary>An order_line row with its customer's name, read for the downgrade.</summary>
    public sealed class OrderLineWithName
    {
        public long Id { get; init; }
        public string CustomerName { get; init; } = "";
        public string Item { get; init; } = "";
        public long AmountCents { get; init; }
    }
}
