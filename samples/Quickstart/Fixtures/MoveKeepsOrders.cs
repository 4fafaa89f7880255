using Retort.Operations;
using System.Globalization;
using Retort.Migrations;
using Retort.Runner;

namespace Quickstart.Fixtures;

/// <summary>The data-moving revision turns each legacy order into an order line for the right customer, in cents.</summary>
public sealed class MoveKeepsOrders : RevisionFixture
{
    /// <inheritdoc />
    public override string Revision => "4d5e6f7a8b9c";

    /// <inheritdoc />
    public override async Task BeforeUpgradeAsync(MigrationContext db, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync("INSERT INTO customer (id, full_name) VALUES (200, 'Edsger Dijkstra')", cancellationToken: cancellationToken);
        await db.ExecuteAsync("INSERT INTO legacy_order (id, customer_name, item, amount) VALUES (200, 'Edsger Dijkstra', 'semaphore', 12.34)", cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public override async Task AfterUpgradeAsync(MigrationContext db, CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync("SELECT customer_id, item, amount_cents FROM order_line WHERE id = 200", cancellationToken: cancellationToken);
        if (rows.Count != 1)
            throw new InvalidOperationException($"legacy order 200 should become one order line, found {rows.Count}.");
        var (customer, item, cents) = (Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture), rows[0][1] as string, Convert.ToInt64(rows[0][2], CultureInfo.InvariantCulture));
        if (customer != 200 || item != "semaphore" || cents != 1234)
            throw new InvalidOperationException($"order line 200 should be (200, semaphore, 1234), found ({customer}, {item}, {cents}).");
    }
}
