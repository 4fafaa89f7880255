using Retort.Specification.Support;
using Retort.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// The progress estimate of a SQLite data step: a rowid table is sized from its rowid range (no full count), a
/// table without a rowid falls back to counting; either way the backfill reports the estimate it made.
/// </summary>
public sealed class DataEstimateTests
{
    private static async Task<List<DataProgress>> BackfillAsync(TempDatabase db, string table)
    {
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill(table, "n = n + 1", batchSize: 40)));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();
        return reports;
    }

    [Fact]
    public async Task A_rowid_table_is_estimated_from_its_rowid_range()
    {
        await using var db = new TempDatabase();
        // Ids 1..100 with every third deleted: 67 rows, rowid range 100. The estimate is the range, not a count.
        await db.ExecAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100) INSERT INTO t (id) SELECT i FROM s");
        await db.ExecAsync("DELETE FROM t WHERE id % 3 = 0");
        var reports = await BackfillAsync(db, "t");
        Assert.Equal(100, reports[0].TotalEstimate);
        Assert.Equal(67, await db.CountAsync("t WHERE n = 1"));
    }

    [Fact]
    public async Task A_table_without_rowid_is_counted()
    {
        await using var db = new TempDatabase();
        await db.ExecAsync("CREATE TABLE w (code TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 90) INSERT INTO w (code) SELECT printf('c%03d', i) FROM s");
        var reports = await BackfillAsync(db, "w");
        Assert.Equal(90, reports[0].TotalEstimate);
        Assert.Equal(90, await db.CountAsync("w WHERE n = 1"));
    }
}
