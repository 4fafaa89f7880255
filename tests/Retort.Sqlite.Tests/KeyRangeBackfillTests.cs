using Retort.Behaviour;
using Retort.Operations;
using Retort.Runner;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// A backfill of a rowid table bounds its batches by key value: every row is updated exactly once across gaps,
/// negative keys and the largest integer, no batch holds more rows than its size, a gap costs no empty batches,
/// and a cancelled run resumes from the checkpoint. Only a rowid key is walked that way; the statement journal
/// setting the step uses is restored afterwards and never costs a temporary table.
/// </summary>
public sealed class KeyRangeBackfillTests
{
    private const int Size = 40;

    private static readonly BatchOptions Fixed = new() { BatchSize = Size, TargetBatchDuration = null };

    /// <summary>Ids −5…0, every third id up to 298, 51 ids from 10¹², and the four largest 64-bit integers.</summary>
    private static async Task<int> GappyTableAsync(SqliteBehaviourDatabase db, string keyType = "INTEGER PRIMARY KEY")
    {
        await db.ExecAsync($"CREATE TABLE t (id {keyType}, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT -5 UNION ALL SELECT i + 1 FROM s WHERE i < 0) INSERT INTO t (id) SELECT i FROM s");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 3 FROM s WHERE i < 298) INSERT INTO t (id) SELECT i FROM s");
        await db.ExecAsync("WITH RECURSIVE s(i) AS (SELECT 1000000000000 UNION ALL SELECT i + 1 FROM s WHERE i < 1000000000050) INSERT INTO t (id) SELECT i FROM s");
        await db.ExecAsync("INSERT INTO t (id) VALUES (9223372036854775804), (9223372036854775805), (9223372036854775806), (9223372036854775807)");
        return Convert.ToInt32(await db.CountAsync("t"));
    }

    [Fact]
    public async Task Every_row_is_updated_once_across_gaps_and_extreme_keys_in_batches_no_larger_than_their_size()
    {
        await using var db = new SqliteBehaviourDatabase();
        var rows = await GappyTableAsync(db);
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = n + 1", batching: Fixed)));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();

        Assert.Equal(rows, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(rows, reports[^1].RowsDone);
        Assert.True(reports[^1].Finished);
        var perBatch = reports.Select((r, i) => r.RowsDone - (i == 0 ? 0 : reports[i - 1].RowsDone)).ToList();
        Assert.All(perBatch, n => Assert.InRange(n, 1, Size));
        // Keys −5…298 span 304 values: 8 batches of 40 values; the 51 keys from 10¹²: 2 batches; the last four: 1.
        // The gaps between them are skipped, not walked 40 values at a time.
        Assert.Equal(11, reports.Count);
    }

    [Fact]
    public async Task A_cancelled_key_range_backfill_resumes_without_repeating_a_batch()
    {
        await using var db = new SqliteBehaviourDatabase();
        var rows = await GappyTableAsync(db);
        Action<Retort.Migrations.Op> up = op => op.Backfill("t", "n = n + 1", batching: Fixed);
        using (var cts = new CancellationTokenSource())
        {
            var migrator = new Migrator(db.Database, InlineScript.Single(up));
            var batches = 0;
            migrator.DataProgressReported += _ => { if (++batches == 3) cts.Cancel(); };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.UpgradeAsync("head", cts.Token));
        }
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
        await using var db = new SqliteBehaviourDatabase();
        await db.ExecAsync(create);
        await using var connection = await db.Database.OpenConnectionAsync();
        Assert.Equal(byValue, await db.Database.Dialect.DataMigrations.CanBatchByKeyRangeAsync(connection, "k", null, [key], CancellationToken.None));
    }

    [Fact]
    public async Task A_bigint_key_holding_text_and_integers_is_walked_by_count_and_every_row_is_updated()
    {
        // SQLite stores any value in a BIGINT column; only a rowid is sure to be an integer.
        await using var db = new SqliteBehaviourDatabase();
        await db.ExecAsync("CREATE TABLE t (id BIGINT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)");
        await db.ExecAsync("INSERT INTO t (id) VALUES (1), (2), (50), ('abc'), ('zz'), (2.5), (x'00')");
        await new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = n + 1", batching: new BatchOptions { BatchSize = 2, TargetBatchDuration = null }))).UpgradeAsync();
        Assert.Equal(7, await db.CountAsync("t WHERE n = 1"));
    }

    [Fact]
    public async Task Statement_journals_stay_in_memory_for_the_step_and_the_setting_is_restored_without_touching_temporary_tables()
    {
        await using var db = new SqliteBehaviourDatabase();
        var support = db.Database.Dialect.DataMigrations;
        await using var connection = await db.Database.OpenConnectionAsync();
        await using (var prepared = await support.PrepareConnectionAsync(connection, CancellationToken.None))
        {
            Assert.NotNull(prepared);
            Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA temp_store"));
        }
        Assert.Equal(0L, await ScalarAsync(connection, "PRAGMA temp_store"));

        // Changing the setting would delete temporary tables: with one present it is left alone.
        await ScalarAsync(connection, "CREATE TEMP TABLE scratch (x INT)");
        await ScalarAsync(connection, "INSERT INTO scratch VALUES (1)");
        await using (var prepared = await support.PrepareConnectionAsync(connection, CancellationToken.None))
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
