using System.Globalization;
using Retort.Migrations;
using Retort.Runner;
using Retort.Schema;

namespace Quickstart.Revisions;

/// <summary>
/// Moves data from an old table to a new one through C# code: each legacy order (customer by name, amount in
/// currency units) becomes an order_line (customer by id, amount in cents). The downgrade moves it back.
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
        op.Run("copy legacy_order rows into order_line", CopyForwardAsync);
        op.DropTable("legacy_order");
    }

    public override void Downgrade(Op op)
    {
        op.CreateTable(AppSchema.Initial["legacy_order"]);
        op.Run("copy order_line rows back into legacy_order", CopyBackAsync);
        op.DropTable("order_line");
    }

    private static async Task CopyForwardAsync(MigrationContext db, CancellationToken ct)
    {
        var rows = new List<(long Id, string Customer, string Item, decimal Amount)>();
        await using (var read = db.CreateCommand("SELECT id, customer_name, item, amount FROM legacy_order ORDER BY id"))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Convert.ToDecimal(reader.GetValue(3), CultureInfo.InvariantCulture)));
        foreach (var row in rows)
        {
            var customerId = await db.ScalarAsync("SELECT id FROM customer WHERE full_name = @name", new { name = row.Customer }, ct)
                ?? throw new InvalidOperationException($"legacy order {row.Id} names unknown customer '{row.Customer}'");
            await db.ExecuteAsync("INSERT INTO order_line (id, customer_id, item, amount_cents) VALUES (@id, @customer, @item, @cents)",
                new { id = row.Id, customer = customerId, item = row.Item, cents = (long)Math.Round(row.Amount * 100) }, ct);
        }
    }

    private static async Task CopyBackAsync(MigrationContext db, CancellationToken ct) =>
        await db.ExecuteAsync(
            "INSERT INTO legacy_order (id, customer_name, item, amount) " +
            "SELECT o.id, c.full_name, o.item, o.amount_cents / 100.0 FROM order_line o JOIN customer c ON c.id = o.customer_id",
            cancellationToken: ct);
}
