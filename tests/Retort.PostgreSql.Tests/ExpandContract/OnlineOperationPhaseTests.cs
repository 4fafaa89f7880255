using Npgsql;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// Every online operation through start → abort → start → complete, with the application of each version writing
/// (inserts and updates) through its own <c>search_path</c> in every phase, and every row read back through both versions
/// after every step.
/// </summary>
public sealed class OnlineOperationPhaseTests
{
    private const string OldPath = "public_r1, public";
    private const string NewPath = "public_r2, public";

    [PgTheory]
    [MemberData(nameof(OnlineCase.Names), MemberType = typeof(OnlineCase))]
    public async Task Start_abort_start_complete_keeps_every_row_written_through_either_version(string name)
    {
        var c = OnlineCase.All[name];
        await using var db = await PgDatabase.CreateAsync();
        await using var database = db.Open();
        var migrator = new Migrator(database, c.Revisions());
        await migrator.UpgradeAsync("r1");
        var rows = OnlineCase.SetupRows.ToDictionary(r => r.Tag, r => new RowState(r.Tag, r.Number, false, r.Number, false));
        var gone = new List<string>();
        await using var oldApp = await ConnectAsync(db, OldPath);
        await using var newApp = await ConnectAsync(db, NewPath);

        // Start: both versions read every row, and both write.
        Assert.Equal("r2", Assert.Single(await migrator.UpgradeAsync()).Revision.Id);
        Assert.Equal(["r2"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        var waiting = Assert.Single(await migrator.GetWaitingAsync());
        Assert.Equal(("r2", "public_r1", "public_r2"), (waiting.Revision.Id, Assert.Single(waiting.OldVersionSchemas), Assert.Single(waiting.NewVersionSchemas)));
        Assert.Equal("expand", (await migrator.GetHistoryAsync()).Last().Direction);
        await CheckAsync(c, rows, oldApp, newApp, gone);
        await WriteAsync(c, rows, oldApp, newApp, "a", old: true, @new: true, gone);
        await CheckAsync(c, rows, oldApp, newApp, gone);

        // Abort: the old shape keeps everything both versions wrote; nothing of the expand is left.
        var aborted = await migrator.AbortAsync("r2");
        Assert.Equal(("r2", "abort", false), (aborted.Revision.Id, aborted.Phase, aborted.Skipped));
        Assert.Equal(["r1"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Empty(await migrator.GetWaitingAsync());
        await AssertNothingLeftAsync(db, newSchema: true);
        await CheckAsync(c, rows, oldApp, null, gone);
        await WriteAsync(c, rows, oldApp, newApp, "b", old: true, @new: false, gone);
        await CheckAsync(c, rows, oldApp, null, gone);

        // Start again, then complete: the new version keeps every row.
        await migrator.UpgradeAsync();
        Assert.Single(await migrator.GetWaitingAsync());
        await CheckAsync(c, rows, oldApp, newApp, gone);
        await WriteAsync(c, rows, oldApp, newApp, "c", old: true, @new: true, gone);
        await CheckAsync(c, rows, oldApp, newApp, gone);
        var completed = Assert.Single(await migrator.CompleteAsync());
        Assert.Equal(("r2", "complete"), (completed.Revision.Id, completed.Phase));
        Assert.Equal(["r2"], (await migrator.GetCurrentAsync()).Select(r => r.Id));
        Assert.Empty(await migrator.GetWaitingAsync());
        await AssertNothingLeftAsync(db, newSchema: false);
        await CheckAsync(c, rows, null, newApp, gone);
        await WriteAsync(c, rows, oldApp, newApp, "d", old: false, @new: true, gone);
        await CheckAsync(c, rows, null, newApp, gone);
        // Once completed, the table itself has the new shape: the new application reads it without its version's views too.
        await using var plain = await ConnectAsync(db, "public");
        await CheckAsync(c, rows, null, plain, gone);
    }

    private static async Task<NpgsqlConnection> ConnectAsync(PgDatabase db, string searchPath)
    {
        var connection = await db.ConnectAsync();
        await using var command = new NpgsqlCommand($"SET search_path = {searchPath}", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task WriteAsync(OnlineCase c, Dictionary<string, RowState> rows, NpgsqlConnection oldApp, NpgsqlConnection newApp, string phase, bool old, bool @new,
        List<string> gone)
    {
        var number = 1000 + rows.Count * 2;
        foreach (var (byNew, app) in new[] { (false, oldApp), (true, newApp) })
        {
            if (byNew ? !@new : !old) continue;
            for (var i = 0; i < 4; i++)
            {
                // Two inserts (an odd and an even number), an update of a row the other version wrote, one of a setup row.
                var tag = $"{phase}{(byNew ? "n" : "o")}{i}";
                var n = number++;
                await ExecAsync(app, byNew ? c.NewInsert(tag, n) : c.OldInsert(tag, n));
                rows[tag] = new RowState(tag, n, byNew, n, byNew);
            }
            // A delete through the version's views: the row is gone for both.
            var deleted = $"{phase}{(byNew ? "n" : "o")}3";
            await ExecAsync(app, $"DELETE FROM {(byNew ? c.NewTable : "accounts")} WHERE tag = '{deleted}'");
            rows.Remove(deleted);
            gone.Add(deleted);
            foreach (var target in new[] { (rows.Values.LastOrDefault(r => r.LastByNew != byNew && r.Tag[0] != 's') ?? rows["s7"]).Tag, $"s{rows.Count % 50 + 1}" })
            {
                var n = number++;
                await ExecAsync(app, byNew ? c.NewUpdate(target, n) : c.OldUpdate(target, n));
                rows[target] = rows[target] with { Number = n, LastByNew = byNew };
            }
        }
    }

    private static async Task ExecAsync(NpgsqlConnection app, string sql)
    {
        await using var command = new NpgsqlCommand(sql, app);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task CheckAsync(OnlineCase c, Dictionary<string, RowState> rows, NpgsqlConnection? oldApp, NpgsqlConnection? newApp, List<string> gone)
    {
        foreach (var (app, readNew) in new[] { (oldApp, false), (newApp, true) })
        {
            if (app is null) continue;
            await using (var count = new NpgsqlCommand($"SELECT count(*) FROM {(readNew ? c.NewTable : "accounts")} WHERE tag = ANY (@gone)", app))
            {
                count.Parameters.AddWithValue("gone", gone.ToArray());
                Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
            }
            foreach (var row in rows.Values)
            {
                await using var command = new NpgsqlCommand(readNew ? c.NewRead(row.Tag) : c.OldRead(row.Tag), app);
                var read = await command.ExecuteScalarAsync();
                Assert.True(Equals(read is DBNull ? null : read, c.Expected(row, readNew)),
                    $"{(readNew ? "new" : "old")} version read '{read}' for {row}, expected '{c.Expected(row, readNew) ?? "NULL"}'");
            }
        }
    }

    private static async Task AssertNothingLeftAsync(PgDatabase db, bool newSchema)
    {
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = 'public' AND a.attname LIKE '\\_retort%' AND NOT a.attisdropped"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '\\_retort%'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_proc WHERE proname LIKE '\\_retort%'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conname LIKE '\\_retort%'"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_r1'"));
        Assert.Equal(newSchema ? 0L : 1L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'public_r2'"));
    }
}
