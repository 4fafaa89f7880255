using Retort.Specification.Support;
using Retort.Specification.Data;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>Replica lag throttling reads pg_stat_replication; a replica that is not connected is a clear error, not a silent skip.</summary>
public sealed class ReplicaThrottleTests
{
    [PgFact]
    public async Task An_unknown_replica_name_stops_the_backfill_before_its_first_batch()
    {
        await using var db = await PgDatabase.CreateAsync();
        await DataFixtures.CreateItemsAsync(db, 100);
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("items", "counter = 1",
            batching: new BatchOptions { ReplicaName = "no_such_standby" })));
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.Contains("no_such_standby", e.Message);
        Assert.Contains("not connected", e.Message);
        Assert.Equal(0, await db.CountAsync("items WHERE counter = 1"));
    }
}
