using Retort.Specification.Support;
using Retort.Operations;
using Retort.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>SQLite has no copy-and-swap backfill: asking for one fails before any row changes, and says what to do instead.</summary>
public sealed class CopyAndSwapRefusedTests
{
    [Fact]
    public async Task A_copy_and_swap_backfill_is_refused_and_nothing_changes()
    {
        await using var db = new TempDatabase();
        await db.ExecAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0); INSERT INTO t (id) VALUES (1), (2), (3)");
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = 1", strategy: BackfillStrategy.CopyAndSwap)));

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());

        Assert.Contains("the sqlite dialect has no copy-and-swap backfill", e.Message);
        Assert.Contains("BackfillStrategy.InPlace", e.Message);
        Assert.Equal(0, await db.CountAsync("t WHERE n <> 0"));
        Assert.Null(await db.Database.ReflectTableAsync("retort_version")); // a failed first run keeps no Retort table
    }
}
