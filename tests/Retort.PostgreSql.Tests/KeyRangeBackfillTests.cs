using Retort.Behaviour;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A backfill over an integer key bounds its batches by key value: every row is updated exactly once across gaps,
/// negative keys and the type's largest value, no batch holds more rows than its size, and a gap costs no empty
/// batches. Other keys are walked by row count.
/// </summary>
public sealed class KeyRangeBackfillTests
{
    private const int Size = 40;

    [PgTheory]
    [InlineData("bigint", "9223372036854775807")]
    [InlineData("integer", "2147483647")]
    [InlineData("smallint", "32767")]
    public async Task Every_row_is_updated_once_across_gaps_and_the_largest_key_in_batches_no_larger_than_their_size(string type, string max)
    {
        var pg = new PgDatabase();
        await pg.InitializeAsync();
        await using var db = new PostgreSqlBehaviourDatabase(pg);
        await db.ExecAsync($"CREATE TABLE t (id {type} PRIMARY KEY, n integer NOT NULL DEFAULT 0)");
        // −5…0, every third key up to 298, 51 keys from 20,000, and the four largest values of the type.
        await db.ExecAsync("INSERT INTO t (id) SELECT i FROM generate_series(-5, 0) i UNION ALL SELECT i FROM generate_series(1, 298, 3) i " +
                           $"UNION ALL SELECT i FROM generate_series(20000, 20050) i UNION ALL SELECT {max} - i FROM generate_series(0, 3) i");
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = n + 1",
            batching: new BatchOptions { BatchSize = Size, TargetBatchDuration = null })));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();

        Assert.Equal(161, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(161, await db.CountAsync("t"));
        Assert.Equal(161, reports[^1].RowsDone);
        var perBatch = reports.Select((r, i) => r.RowsDone - (i == 0 ? 0 : reports[i - 1].RowsDone)).ToList();
        Assert.All(perBatch, n => Assert.InRange(n, 1, Size));
        // −5…298: 8 batches of 40 key values; 20,000…20,050: 2; the last four: 1. The gaps are skipped, not walked.
        Assert.Equal(11, reports.Count);
    }

    [PgFact]
    public async Task Only_a_single_integer_key_is_walked_by_value()
    {
        var pg = new PgDatabase();
        await pg.InitializeAsync();
        await using var db = new PostgreSqlBehaviourDatabase(pg);
        await db.ExecAsync("CREATE TABLE a (id bigint PRIMARY KEY); CREATE TABLE b (id numeric PRIMARY KEY); CREATE TABLE c (id text PRIMARY KEY); " +
                           "CREATE TABLE d (x integer, y integer, PRIMARY KEY (x, y)); CREATE SCHEMA s; CREATE TABLE s.e (id integer PRIMARY KEY)");
        await using var connection = await db.Database.OpenConnectionAsync();
        var support = db.Database.Dialect.DataMigrations;
        Assert.True(await support.CanBatchByKeyRangeAsync(connection, "a", null, ["id"], CancellationToken.None));
        Assert.True(await support.CanBatchByKeyRangeAsync(connection, "e", "s", ["id"], CancellationToken.None));
        Assert.False(await support.CanBatchByKeyRangeAsync(connection, "b", null, ["id"], CancellationToken.None));
        Assert.False(await support.CanBatchByKeyRangeAsync(connection, "c", null, ["id"], CancellationToken.None));
        Assert.False(await support.CanBatchByKeyRangeAsync(connection, "d", null, ["x", "y"], CancellationToken.None));
    }
}
