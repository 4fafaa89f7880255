using Retort.Operations;
using Retort.Migrations;
using Retort.Runner;

namespace Quickstart.Fixtures;

/// <summary>The rename revision keeps every customer's name: a row inserted before it is found under the new column.</summary>
public sealed class RenameKeepsNames : RevisionFixture
{
    /// <inheritdoc />
    public override string Revision => "3c4d5e6f7a8b";

    /// <inheritdoc />
    public override Task BeforeUpgradeAsync(MigrationContext db, CancellationToken cancellationToken) =>
        db.ExecuteAsync("INSERT INTO customer (id, name) VALUES (100, 'Grace Hopper')", cancellationToken: cancellationToken);

    /// <inheritdoc />
    public override async Task AfterUpgradeAsync(MigrationContext db, CancellationToken cancellationToken)
    {
        var name = await db.ScalarAsync("SELECT full_name FROM customer WHERE id = 100", cancellationToken: cancellationToken);
        if (name as string != "Grace Hopper")
            throw new InvalidOperationException($"customer 100 should still be 'Grace Hopper' after the rename, found '{name}'.");
    }
}
