using Retort.Specification.Support;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A backfill over an integer key bounds its batches by key value: every row is updated exactly once across holes,
/// negative keys and the type's largest value, no batch holds more rows than its size, a hole costs no empty
/// batches, and sparse keys fall back to batches found by row count. Other keys are always walked by row count.
/// </summary>
public sealed class KeyRangeBackfillTests
{
    private const int Size = 40;

    [PgTheory]
    [InlineData("bigint", "9223372036854775807")]
    [InlineData("integer", "2147483647")]
    [InlineData("smallint", "32767")]
    public async Task Every_row_is_updated_once_across_holes_and_the_largest_key_in_batches_no_larger_than_their_size(string type, string max)
    {
        await using var db = await TableAsync(type,
            $"SELECT i FROM generate_series(-39, 200) i UNION ALL SELECT i FROM generate_series(20000, 20099) i UNION ALL SELECT {max} - i FROM generate_series(0, 3) i");
        var reports = await BackfillAsync(db);

        Assert.Equal(344, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(344, await db.CountAsync("t"));
        // −39…200: 6 batches of 40 key values; 20,000…20,099: 40, 40, 20; the last four: 1. The holes are skipped.
        Assert.Equal(new List<long> { 40, 40, 40, 40, 40, 40, 40, 40, 20, 4 }, RowsPerBatch(reports));
    }

    [PgFact]
    public async Task Sparse_keys_fall_back_to_batches_of_full_size()
    {
        await using var db = await TableAsync("bigint", "SELECT i * 1000 FROM generate_series(1, 500) i");
        var reports = await BackfillAsync(db);

        Assert.Equal(500, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(new List<long> { 1 }.Concat(Enumerable.Repeat(40L, 12)).Append(19), RowsPerBatch(reports));
    }

    private static async Task<PgDatabase> TableAsync(string keyType, string keys)
    {
        var db = await PgDatabase.CreateAsync();
        await db.ExecAsync($"CREATE TABLE t (id {keyType} PRIMARY KEY, n integer NOT NULL DEFAULT 0)");
        await db.ExecAsync($"INSERT INTO t (id) {keys}");
        return db;
    }

    private static async Task<List<DataProgress>> BackfillAsync(PgDatabase db)
    {
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = n + 1",
            batching: new BatchOptions { BatchSize = Size, TargetBatchDuration = null })));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();
        return reports;
    }

    private static List<long> RowsPerBatch(List<DataProgress> reports) =>
        reports.Select((r, i) => r.RowsDone - (i == 0 ? 0 : reports[i - 1].RowsDone)).ToList();

    [PgFact]
    public async Task Only_a_single_integer_key_is_walked_by_value()
    {
        await using var db = await PgDatabase.CreateAsync();
        await db.ExecAsync("CREATE TABLE a (id bigint PRIMARY KEY); CREATE TABLE b (id numeric PRIMARY KEY); CREATE TABLE c (id text PRIMARY KEY); " +
                           "CREATE TABLE d (x integer, y integer, PRIMARY KEY (x, y)); CREATE SCHEMA s; CREATE TABLE s.e (id integer PRIMARY KEY)");
        await using var connection = await db.Database.OpenConnectionAsync();
        Assert.True(await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "a", null, ["id"]));
        Assert.True(await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "e", "s", ["id"]));
        Assert.False(await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "b", null, ["id"]));
        Assert.False(await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "c", null, ["id"]));
        Assert.False(await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "d", null, ["x", "y"]));
    }
}
