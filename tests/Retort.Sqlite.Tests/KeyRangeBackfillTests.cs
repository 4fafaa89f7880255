using Retort.Specification.Support;
using Retort.Operations;
using Retort.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// A backfill of a rowid table bounds its batches by key value: every row is updated exactly once across holes,
/// negative keys and the largest integer, no batch holds more rows than its size, a hole costs no empty batches,
/// sparse keys fall back to batches found by row count, and a cancelled run resumes from the checkpoint. Only a rowid key is walked that way; the statement journal
/// setting the step uses is restored afterwards and never costs a temporary table.
/// </summary>
public sealed class KeyRangeBackfillTests
{
    private const int Size = 40;

    private static readonly BatchOptions Fixed = new() { BatchSize = Size, TargetBatchDuration = null };

    /// <summary>Ids −39…200, 100 ids from 10¹², and the four largest 64-bit integers: 344 rows in three dense runs.</summary>
    private static async Task<int> DenseRunsAsync(TempDatabase db)
    {
        await db.ExecAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT -39 UNION ALL SELECT i + 1 FROM s WHERE i < 200) INSERT INTO t (id) SELECT i FROM s");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1000000000000 UNION ALL SELECT i + 1 FROM s WHERE i < 1000000000099) INSERT INTO t (id) SELECT i FROM s");
        await db.ExecAsync("INSERT INTO t (id) VALUES (9223372036854775804), (9223372036854775805), (9223372036854775806), (9223372036854775807)");
        return Convert.ToInt32(await db.CountAsync("t"));
    }

    private static async Task<List<DataProgress>> BackfillAsync(TempDatabase db)
    {
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = n + 1", batching: Fixed)));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();
        return reports;
    }

    /// <summary>Runs the upgrade and cancels it once <paramref name="batches"/> batches have committed.</summary>
    private static async Task CancelAfterAsync(TempDatabase db, Action<Retort.Migrations.Op> up, int batches)
    {
        using var cts = new CancellationTokenSource();
        var migrator = new Migrator(db.Database, InlineScript.Single(up));
        var done = 0;
        migrator.DataProgressReported += _ => { if (++done == batches) cts.Cancel(); };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.UpgradeAsync("head", cts.Token));
    }

    private static List<long> RowsPerBatch(List<DataProgress> reports) =>
        reports.Select((r, i) => r.RowsDone - (i == 0 ? 0 : reports[i - 1].RowsDone)).ToList();

    [Fact]
    public async Task Every_row_is_updated_once_across_holes_and_extreme_keys_in_batches_no_larger_than_their_size()
    {
        await using var db = new TempDatabase();
        var rows = await DenseRunsAsync(db);
        var reports = await BackfillAsync(db);

        Assert.Equal(rows, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(rows, reports[^1].RowsDone);
        Assert.True(reports[^1].Finished);
        // −39…200: 6 batches of 40 key values; the 100 keys from 10¹²: 40, 40, 20; the last four: 1 batch. The
        // holes between the runs are skipped with one seek, not walked 40 values at a time.
        Assert.Equal(new List<long> { 40, 40, 40, 40, 40, 40, 40, 40, 20, 4 }, RowsPerBatch(reports));
    }

    [Fact]
    public async Task Sparse_keys_fall_back_to_batches_of_full_size()
    {
        // Keys 1,000 apart (time-based ids, a sequence shared by tables): batches bounded by key value would hold one
        // row each. After the first, half-empty batch, the run finds each batch's end by row count.
        await using var db = new TempDatabase();
        await db.ExecAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 500) INSERT INTO t (id) SELECT i * 1000 FROM s");
        var reports = await BackfillAsync(db);

        Assert.Equal(500, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(new List<long> { 1 }.Concat(Enumerable.Repeat(40L, 12)).Append(19), RowsPerBatch(reports));
    }

    [Fact]
    public async Task A_cancelled_key_range_backfill_resumes_without_repeating_a_batch()
    {
        await using var db = new TempDatabase();
        var rows = await DenseRunsAsync(db);
        Action<Retort.Migrations.Op> up = op => op.Backfill("t", "n = n + 1", batching: Fixed);
        await CancelAfterAsync(db, up, batches: 3);
        var done = Convert.ToInt32(await db.CountAsync("t WHERE n = 1"));
        Assert.InRange(done, 1, rows - 1);
        Assert.Equal(0, await db.CountAsync("t WHERE n > 1"));

        var resumed = new Migrator(db.Database, InlineScript.Single(up));
        var first = (DataProgress?)null;
        resumed.DataProgressReported += p => first ??= p;
        await resumed.UpgradeAsync();
        Assert.True(first!.Resumed);
        Assert.Equal(rows, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(rows, (await resumed.GetHistoryAsync()).Single().Rows);
    }

    [Fact]
    public async Task A_run_resumed_after_the_fallback_to_row_count_batches_updates_every_row_once()
    {
        // The first run's checkpoints come from both kinds of batch; the resumed run starts by key value again.
        await using var db = new TempDatabase();
        await db.ExecAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 200) INSERT INTO t (id) SELECT i * 1000 FROM s");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 300000 UNION ALL SELECT i + 1 FROM s WHERE i < 300299) INSERT INTO t (id) SELECT i FROM s");
        Action<Retort.Migrations.Op> up = op => op.Backfill("t", "n = n + 1", batching: Fixed);
        await CancelAfterAsync(db, up, batches: 3);
        Assert.Equal(1 + 40 + 40, await db.CountAsync("t WHERE n = 1"));
        var resumed = new List<DataProgress>();
        var again = new Migrator(db.Database, InlineScript.Single(up));
        again.DataProgressReported += resumed.Add;
        await again.UpgradeAsync();
        Assert.Equal(500, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(500, resumed[^1].RowsDone);
    }

    [Theory]
    [InlineData("CREATE TABLE k (id INTEGER PRIMARY KEY, n INT)", "id", true)]
    [InlineData("CREATE TABLE k (id integer primary key autoincrement, n INT)", "ID", true)]
    [InlineData("CREATE TABLE k (id BIGINT PRIMARY KEY, n INT)", "id", false)]
    [InlineData("CREATE TABLE k (id INTEGER PRIMARY KEY DESC, n INT)", "id", false)]
    [InlineData("CREATE TABLE k (id INTEGER PRIMARY KEY, n INT) WITHOUT ROWID", "id", false)]
    [InlineData("CREATE TABLE k (a INTEGER, b INTEGER, PRIMARY KEY (a, b))", "a", false)]
    [InlineData("CREATE TABLE k (id INTEGER PRIMARY KEY, code INTEGER UNIQUE)", "code", false)]
    public async Task Only_a_rowid_key_is_walked_by_value(string create, string key, bool byValue)
    {
        await using var db = new TempDatabase();
        await db.ExecAsync(create);
        await using var connection = await db.Database.OpenConnectionAsync();
        Assert.Equal(byValue, await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "k", null, [key]));
    }

    [Fact]
    public async Task The_kill_and_resume_fixture_with_an_integer_key_is_walked_by_value_and_the_default_one_by_count()
    {
        // SqliteKillResumeTests kill the probe in both modes; this pins which mode each fixture gets.
        foreach (var integerKey in new[] { true, false })
        {
            await using var db = new TempDatabase();
            await Retort.Specification.Data.DataFixtures.CreateItemsAsync(db, 10, integerKey);
            await using var connection = await db.Database.OpenConnectionAsync();
            Assert.Equal(integerKey, await DialectAccess.CanBatchByKeyRangeAsync(db.Database, connection, "items", null, ["id"]));
        }
    }

    [Fact]
    public async Task A_bigint_key_holding_text_and_integers_is_walked_by_count_and_every_row_is_updated()
    {
        // SQLite stores any value in a BIGINT column; only a rowid is sure to be an integer.
        await using var db = new TempDatabase();
        await db.ExecAsync("CREATE TABLE t (id BIGINT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("INSERT INTO t (id) VALUES (1), (2), (50), ('abc'), ('zz'), (2.5), (x'00')");
        await new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = n + 1", batching: new BatchOptions { BatchSize = 2, TargetBatchDuration = null }))).UpgradeAsync();
        Assert.Equal(7, await db.CountAsync("t WHERE n = 1"));
    }

    [Fact]
    public async Task Statement_journals_stay_in_memory_for_the_step_and_the_setting_is_restored_without_touching_temporary_tables()
    {
        await using var db = new TempDatabase();
        await using var connection = await db.Database.OpenConnectionAsync();
        await using (var prepared = await DialectAccess.PrepareDataConnectionAsync(db.Database, connection))
        {
            Assert.NotNull(prepared);
            Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA temp_store"));
        }
        Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA temp_store"));

        // Changing the setting would delete temporary tables: with one present it is left alone.
        await ScalarAsync(connection, "CREATE TEMP TABLE scratch (x INT)");
        await ScalarAsync(connection, "INSERT INTO scratch VALUES (1)");
        await using (var prepared = await DialectAccess.PrepareDataConnectionAsync(db.Database, connection))
            Assert.Null(prepared);
        Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA temp_store"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM scratch"));
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
