using Retort.Specification.Support;
using Retort.Environments;
using Retort.Migrations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A SQL revision's batched UPDATEs on PostgreSQL: an unquoted mixed-case table name is folded as PostgreSQL folds
/// it, a schema-qualified quoted one is kept, and every row is updated once in batches (by row count and by key
/// value) with the rows recorded.
/// </summary>
public sealed class SqlBatchedUpdateTests
{
    [PgFact]
    public async Task Batched_updates_from_a_sql_revision_fill_every_row_once_with_names_as_postgresql_reads_them()
    {
        await using var db = await PgDatabase.CreateAsync();
        await db.ExecAsync("CREATE TABLE items (id bigint PRIMARY KEY, data text NOT NULL, data_upper text, n integer NOT NULL DEFAULT 0); " +
                           "INSERT INTO items (id, data) SELECT i, 'item ' || i FROM generate_series(1, 1500) i; " +
                           "CREATE SCHEMA billing; CREATE TABLE billing.\"Lines\" (code text PRIMARY KEY, total integer); " +
                           "INSERT INTO billing.\"Lines\" SELECT 'c' || i, NULL FROM generate_series(1, 300) i");
        var revision = SqlRevisionFile.Parse("""
            -- retort:revision r1
            -- retort:upgrade
            -- retort:batched batch-size=200 target-ms=0
            UPDATE Items SET data_upper = upper(data), n = n + 1 WHERE data_upper IS NULL;
            -- retort:batched batch-size=70 target-ms=0
            UPDATE billing."Lines" SET total = length(code);
            -- retort:batched batch-size=500 target-ms=0
            UPDATE ITEMS SET n = n + 100;
            """, "r1.sql");
        var batches = 0;
        var migrator = new Migrator(db.Database, new RevisionSet([revision]));
        migrator.DataProgressReported += _ => batches++;
        var run = Assert.Single(await migrator.UpgradeAsync());

        Assert.Equal(1500, await db.CountAsync("items WHERE data_upper = upper(data) AND n = 101"));
        Assert.Equal(300, await db.CountAsync("billing.\"Lines\" WHERE total = length(code)"));
        Assert.Equal(1500 + 300 + 1500, run.Rows);
        // 1,500 rows in batches of 200 and 300 in batches of 70, found by row count (a WHERE; a text key), then
        // 1,500 in batches of 500 bounded by key value (a bigint key, no WHERE).
        Assert.Equal(8 + 5 + 3, batches);
    }
}
