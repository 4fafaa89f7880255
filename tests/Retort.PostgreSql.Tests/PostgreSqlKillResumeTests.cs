using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification;
using Retort.Specification.Data;

namespace Retort.PostgreSql.Tests;

/// <summary>The kill-and-resume specification on PostgreSQL, one fresh database per run, and the copy-and-swap backfill killed the same way.</summary>
public sealed class PostgreSqlKillResumeTests : KillResumeSpecification<PostgreSqlDatabaseFactory>
{
    /// <summary>The backfill by copy and swap, killed while copying, and before its last copy batch.</summary>
    [SpecTheory]
    [InlineData(1200, false)]
    [InlineData(700, true)]
    [InlineData(2950, false)]
    public Task Killed_mid_copy_and_swap_and_rerun_gives_exactly_the_uninterrupted_result(long afterRows, bool integerKey) =>
        KillAndRerunAsync(2, afterRows, integerKey, "copy-and-swap");

    /// <summary>
    /// The copy and swap killed after every row was copied, the change log replayed and the indexes built: while the
    /// swap waits for its exclusive lock on the table (a reader holds it). The kill lands there whatever the machine's speed.
    /// </summary>
    [SpecFact]
    public async Task Killed_while_the_swap_waits_for_its_lock_and_rerun_gives_exactly_the_uninterrupted_result()
    {
        var expected = await UninterruptedAsync(integerKey: false);
        await using var db = await PgDatabase.CreateAsync();
        await DataFixtures.CreateItemsAsync(db, Rows);
        await using (var reader = await db.HoldReadLockAsync("items"))
        using (var probe = StartProbe(db.Url, "copy-and-swap"))
        {
            await db.WaitForLockWaiterAsync("items", probe.Process.WaitForExitAsync());
            probe.Kill();
        }
        Assert.Equal(Rows, await db.CountAsync("items_copy"));
        Assert.Equal([[false]], await db.QueryAsync("SELECT finished FROM retort_progress WHERE step = 2"));
        await AssertRerunGivesAsync(db, expected, "copy-and-swap");
    }
}
