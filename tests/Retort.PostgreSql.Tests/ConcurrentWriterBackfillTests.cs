using System.Diagnostics;
using Npgsql;
using Retort.Specification.Support;
using Retort.Specification.Data;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A backfill on a table an application keeps writing to: the writer sees no error and no long wait (each batch
/// locks only its own rows, for one short transaction), and rows it writes during the backfill end up correct
/// when the application writes the new column too (the expand phase of expand/contract). By copy and swap, rows
/// the application writes during the backfill get the SET clause applied too, and none of its writes is lost.
/// </summary>
public sealed class ConcurrentWriterBackfillTests
{
    [PgFact]
    public async Task A_writer_updating_the_table_during_a_backfill_gets_no_errors_or_long_waits()
    {
        await using var db = await PgDatabase.CreateAsync();
        await DataFixtures.CreateItemsAsync(db, 6000);
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("items", "data_upper = upper(data), counter = counter + 1",
            batching: new BatchOptions { BatchSize = 100, TargetBatchDuration = null, PauseBetweenBatches = TimeSpan.FromMilliseconds(2) })));
        using var stop = new CancellationTokenSource();
        var counts = new WriterCounts();
        var writer = WriteAsync(db, counts, stop.Token);
        await Wait.UntilAsync(() => counts.Writes >= 5, "the writer's first updates", writer);
        var before = counts.Writes;
        var backfill = Stopwatch.StartNew();
        await migrator.UpgradeAsync();
        backfill.Stop();
        var during = counts.Writes - before;
        await stop.CancelAsync();
        var (_, errors, slowest) = await writer;

        Assert.True(during >= 10, $"the writer only managed {during} updates during the backfill");
        Assert.Empty(errors);
        AssertNoLongWait(slowest, backfill.Elapsed);
        Assert.Equal(0, await db.CountAsync("items WHERE data_upper IS DISTINCT FROM upper(data)"));
        Assert.Equal(6000, await db.CountAsync("items WHERE counter = 1"));
    }

    [PgFact]
    public async Task Rows_written_during_a_copy_and_swap_backfill_get_the_set_clause_applied_and_no_write_is_lost()
    {
        await using var db = await PgDatabase.CreateAsync();
        await DataFixtures.CreateItemsAsync(db, 6000);
        var original = Convert.ToUInt32(await db.ScalarAsync("SELECT 'items'::regclass::oid"));
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("items", "data_upper = upper(data), counter = counter + 1",
            batching: new BatchOptions { BatchSize = 100, TargetBatchDuration = null, PauseBetweenBatches = TimeSpan.FromMilliseconds(2) },
            strategy: BackfillStrategy.CopyAndSwap)));
        using var stop = new CancellationTokenSource();
        var counts = new WriterCounts();
        var writer = WriteRowsAsync(db, original, counts, stop.Token);
        await Wait.UntilAsync(() => counts.Writes >= 5, "the writer's first writes", writer);
        var before = counts.Writes;
        var backfill = Stopwatch.StartNew();
        await migrator.UpgradeAsync();
        backfill.Stop();
        var during = counts.Writes - before;
        // Writes after the swap land in the new table: wait for one before stopping the writer.
        await Wait.UntilAsync(() => counts.NewTableWrites > 0, "a write after the swap", writer);
        await stop.CancelAsync();
        var (writes, errors, slowest) = await writer;

        Assert.Empty(errors);
        AssertNoLongWait(slowest, backfill.Elapsed);
        Assert.True(during >= 10, $"the writer only managed {during} writes during the backfill");
        Assert.Contains(writes.Values, w => w.Table != original);
        var rows = (await db.QueryAsync("SELECT id, data, data_upper, counter FROM items")).ToDictionary(r => Convert.ToInt64(r[0]));
        foreach (var (id, write) in writes)
        {
            if (write.Data is null) Assert.False(rows.ContainsKey(id), $"row {id} was deleted during the backfill but is back");
            else Assert.Equal(write.Data, rows[id][1]);
        }
        // Every row as it was at the swap has the SET applied once, including rows the writer changed or added
        // before it; writes after the swap are the application's own.
        var afterSwap = writes.Where(w => w.Value.Table != original).Select(w => w.Key).ToHashSet();
        var stale = rows.Values.Where(r => !afterSwap.Contains(Convert.ToInt64(r[0])) && (!Equals(r[2], ((string)r[1]!).ToUpperInvariant()) || Convert.ToInt32(r[3]) != 1)).ToList();
        Assert.True(stale.Count == 0, $"{stale.Count} rows without the backfill, e.g. {string.Join(", ", stale.Take(3).Select(r => string.Join("|", r)))}");
        Assert.Equal(6000 + writes.Values.Count(w => w.Inserted && w.Data is not null) - writes.Values.Count(w => w.Data is null && !w.Inserted), rows.Count);
    }

    [PgFact]
    public async Task A_prepared_write_queued_behind_the_swap_lands_in_the_new_table()
    {
        await using var db = await PgDatabase.CreateAsync();
        await DataFixtures.CreateItemsAsync(db, 300);
        var original = Convert.ToUInt32(await db.ScalarAsync("SELECT 'items'::regclass::oid"));
        await using var holder = await db.ConnectAsync();
        await using var queued = await db.ConnectAsync();
        await using var watcher = await db.ConnectAsync();
        await using var write = new NpgsqlCommand("UPDATE items SET data = 'queued' WHERE id = 4 RETURNING tableoid", queued);
        await write.PrepareAsync();
        var migrator = new Migrator(db.Open("lock_timeout=20s"), InlineScript.Single(op => op.Backfill("items", "data_upper = upper(data)",
            batching: new BatchOptions { BatchSize = 100, TargetBatchDuration = null }, strategy: BackfillStrategy.CopyAndSwap)));
        // Once copying has begun, an open transaction that wrote a row keeps the swap's exclusive lock waiting.
        NpgsqlTransaction? open = null;
        migrator.DataProgressReported += _ =>
        {
            if (open is not null) return;
            open = holder.BeginTransaction();
            using var first = new NpgsqlCommand("UPDATE items SET data = 'held' WHERE id = 1", holder, open);
            first.ExecuteNonQuery();
        };
        var migration = migrator.UpgradeAsync();
        await WaitForLockWaitersAsync(watcher, original, 1, migration);
        var queuedWrite = write.ExecuteScalarAsync();
        await WaitForLockWaitersAsync(watcher, original, 2, migration);
        await open!.CommitAsync();
        await migration;

        Assert.NotEqual(original, Convert.ToUInt32(await queuedWrite));
        // Row 1 was written before the swap (the SET applies to it); row 4 after it, by the application alone.
        Assert.Equal([["held", "HELD"], ["queued", "ITEM 1 " + new string('B', 21)]],
            await db.QueryAsync("SELECT data, data_upper FROM items WHERE id IN (1, 4) ORDER BY id"));
    }

    private static async Task WaitForLockWaitersAsync(NpgsqlConnection watcher, uint table, int count, Task running)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE relation = @t AND NOT granted", watcher);
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlTypes.NpgsqlDbType.Oid) { Value = table });
        await Wait.UntilAsync(async () => (long)(await command.ExecuteScalarAsync())! >= count, $"{count} sessions waiting for a lock on the table", running);
    }

    /// <summary>
    /// No writer statement waited long: a backfill that held its rows (or the table) for the whole run would make one
    /// wait for most of it. On a busy machine a statement may wait a moment for the processor, hence the floor.
    /// </summary>
    private static void AssertNoLongWait(TimeSpan slowest, TimeSpan backfill) =>
        Assert.True(slowest < backfill / 2 || slowest < TestProcess.Scaled(TimeSpan.FromSeconds(1)),
            $"a writer statement waited {slowest.TotalMilliseconds:0} ms of a {backfill.TotalMilliseconds:0} ms backfill");

    /// <summary>What the writer did so far, read while it runs.</summary>
    private sealed class WriterCounts
    {
        private int _writes;
        private int _newTableWrites;

        public int Writes => Volatile.Read(ref _writes);

        public int NewTableWrites => Volatile.Read(ref _newTableWrites);

        public void Wrote(bool newTable)
        {
            Interlocked.Increment(ref _writes);
            if (newTable) Interlocked.Increment(ref _newTableWrites);
        }
    }

    /// <summary>The last write to a row: its data (null: deleted), the table it landed in, and whether the writer added the row.</summary>
    private sealed record Write(string? Data, uint Table, bool Inserted);

    /// <summary>Updates (data only, as an application that knows nothing of the new column), inserts and deletes rows until stopped.</summary>
    private static async Task<(Dictionary<long, Write> Writes, List<string> Errors, TimeSpan Slowest)> WriteRowsAsync(PgDatabase db, uint original, WriterCounts counts, CancellationToken stop)
    {
        await using var connection = await db.ConnectAsync();
        var random = new Random(11);
        var live = Enumerable.Range(0, 6000).Select(i => (long)i * 3 + 1).ToList();
        var writes = new Dictionary<long, Write>();
        var errors = new List<string>();
        var slowest = TimeSpan.Zero;
        var nextId = 1_000_000L;
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            var index = random.Next(live.Count);
            var id = roll < 15 ? nextId++ : live[index];
            var text = "written " + random.Next(1_000_000);
            await using var command = new NpgsqlCommand(roll switch
            {
                < 15 => "INSERT INTO items (id, data) VALUES (@id, @d) RETURNING tableoid",
                < 30 => "DELETE FROM items WHERE id = @id RETURNING tableoid",
                _ => "UPDATE items SET data = @d WHERE id = @id RETURNING tableoid",
            }, connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("d", text);
            var watch = Stopwatch.StartNew();
            try
            {
                var table = Convert.ToUInt32(await command.ExecuteScalarAsync(CancellationToken.None));
                var inserted = roll < 15 || writes.GetValueOrDefault(id)?.Inserted == true;
                writes[id] = new Write(roll is >= 15 and < 30 ? null : text, table, inserted);
                counts.Wrote(newTable: table != original);
                if (roll < 15) live.Add(id);
                else if (roll < 30) live.RemoveAt(index);
            }
            catch (PostgresException e) { errors.Add(e.Message); }
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
        }
        return (writes, errors, slowest);
    }

    private static async Task<(int Updates, List<string> Errors, TimeSpan Slowest)> WriteAsync(PgDatabase db, WriterCounts counts, CancellationToken stop)
    {
        await using var connection = await db.ConnectAsync();
        var random = new Random(7);
        var errors = new List<string>();
        var slowest = TimeSpan.Zero;
        var updates = 0;
        while (!stop.IsCancellationRequested)
        {
            // The application writes both the old and the new column, as it does during the expand phase.
            var text = "changed " + random.Next(1_000_000);
            await using var command = new NpgsqlCommand("UPDATE items SET data = @d, data_upper = upper(@d) WHERE id = @id", connection);
            command.Parameters.AddWithValue("d", text);
            command.Parameters.AddWithValue("id", (long)(random.Next(6000) * 3 + 1));
            var watch = Stopwatch.StartNew();
            try
            {
                updates += await command.ExecuteNonQueryAsync(CancellationToken.None);
                counts.Wrote(newTable: false);
            }
            catch (PostgresException e) { errors.Add(e.Message); }
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
        }
        return (updates, errors, slowest);
    }
}
