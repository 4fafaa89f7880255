using System.Diagnostics;
using Npgsql;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

[Collection(SerialCollection.Name)]
public class LockTimeoutTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    [PgFact]
    public async Task An_alter_behind_a_long_transaction_times_out_and_retries_without_blocking_readers()
    {
        await db.ExecuteAsync("CREATE TABLE busy (id integer PRIMARY KEY); INSERT INTO busy SELECT generate_series(1, 100)");
        await using var blocker = await db.ConnectAsync();
        var transaction = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("SELECT count(*) FROM busy", blocker, transaction).ExecuteScalarAsync();

        await using var database = db.Open("lock_timeout=300ms");
        var watch = Stopwatch.StartNew();
        var migration = database.ApplyAsync([new AddColumnOperation("busy", new Column("note", SqlType.Text))]);

        // While the migration keeps retrying, other sessions' queries still get through: the ALTER never waits
        // in the lock queue longer than its lock_timeout.
        var slowest = TimeSpan.Zero;
        while (watch.Elapsed < TimeSpan.FromSeconds(4))
        {
            var query = Stopwatch.StartNew();
            await using (var reader = await db.ConnectAsync())
            {
                await new NpgsqlCommand("SET statement_timeout = '5s'", reader).ExecuteNonQueryAsync();
                await new NpgsqlCommand("SELECT count(*) FROM busy", reader).ExecuteScalarAsync();
            }
            if (query.Elapsed > slowest) slowest = query.Elapsed;
            Assert.False(migration.IsCompleted, "the ALTER must not succeed while the other transaction holds its lock");
            await Task.Delay(100);
        }
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"a reader waited {slowest.TotalMilliseconds} ms behind the migration");

        await transaction.CommitAsync();
        await migration;
        Assert.NotNull((await database.ReflectTableAsync("busy"))!.FindColumn("note"));
    }

    [PgFact]
    public async Task The_lock_timeout_is_applied_to_every_connection_and_can_be_set_in_the_url()
    {
        await using var byDefault = db.Open();
        await using (var c = await byDefault.OpenConnectionAsync())
            Assert.Equal("5s", await new NpgsqlCommand("SHOW lock_timeout", (NpgsqlConnection)c).ExecuteScalarAsync());
        await using var fromUrl = db.Open("lock_timeout=2s&statement_timeout=30s");
        await using (var c = await fromUrl.OpenConnectionAsync())
        {
            Assert.Equal("2s", await new NpgsqlCommand("SHOW lock_timeout", (NpgsqlConnection)c).ExecuteScalarAsync());
            Assert.Equal("30s", await new NpgsqlCommand("SHOW statement_timeout", (NpgsqlConnection)c).ExecuteScalarAsync());
        }
    }
}
