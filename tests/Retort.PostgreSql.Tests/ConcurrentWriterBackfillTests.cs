using System.Diagnostics;
using Npgsql;
using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A backfill on a table an application keeps writing to: the writer sees no error and no long wait (each batch
/// locks only its own rows, for one short transaction), and rows it writes during the backfill end up correct
/// when the application writes the new column too (the expand phase of expand/contract).
/// </summary>
public sealed class ConcurrentWriterBackfillTests
{
    [PgFact]
    public async Task A_writer_updating_the_table_during_a_backfill_gets_no_errors_or_long_waits()
    {
        var pg = new PgDatabase();
        await pg.InitializeAsync();
        await using var db = new PostgreSqlBehaviourDatabase(pg);
        await DataFixtures.CreateItemsAsync(db, 6000);
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("items", "data_upper = upper(data), counter = counter + 1",
            batching: new BatchOptions { BatchSize = 100, TargetBatchDuration = null, PauseBetweenBatches = TimeSpan.FromMilliseconds(2) })));
        using var stop = new CancellationTokenSource();
        var writer = WriteAsync(pg, stop.Token);
        await Task.Delay(100);
        await migrator.UpgradeAsync();
        await stop.CancelAsync();
        var (updates, errors, slowest) = await writer;

        Assert.True(updates > 50, $"the writer only managed {updates} updates");
        Assert.Empty(errors);
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a writer statement waited {slowest.TotalMilliseconds:0} ms");
        Assert.Equal(0, await db.CountAsync("items WHERE data_upper IS DISTINCT FROM upper(data)"));
        Assert.Equal(6000, await db.CountAsync("items WHERE counter = 1"));
    }

    private static async Task<(int Updates, List<string> Errors, TimeSpan Slowest)> WriteAsync(PgDatabase pg, CancellationToken stop)
    {
        await using var connection = await pg.ConnectAsync();
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
            try { updates += await command.ExecuteNonQueryAsync(CancellationToken.None); }
            catch (PostgresException e) { errors.Add(e.Message); }
            if (watch.Elapsed > slowest) slowest = watch.Elapsed;
        }
        return (updates, errors, slowest);
    }
}
