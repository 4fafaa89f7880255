using Retort.Connections;
using Retort.Migrations;
using Retort.Operations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Data;

/// <summary>
/// Batched data steps on a real database: backfill and C# transform move every row (count and checksum), with
/// integer, composite and text keys; a table without a key is refused; cancellation stops between batches and
/// a second run resumes from the checkpoint without losing or repeating a row. Each dialect derives from it.
/// </summary>
public abstract class DataMigrationSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    protected const int Rows = 2000;

    protected static BatchOptions Small(int size = 97) => new() { BatchSize = size, TargetBatchDuration = null };

    /// <summary>A fresh database with the items table (see <see cref="DataFixtures.CreateItemsAsync"/>).</summary>
    protected async Task<TestDatabase> ItemsAsync(int rows = Rows)
    {
        var db = await CreateDatabaseAsync();
        await DataFixtures.CreateItemsAsync(db, rows);
        return db;
    }

    protected static string Checksum(IEnumerable<string> rows) => DataFixtures.Checksum(rows);

    protected static async Task<string> ExpectedUpperAsync(TestDatabase db) =>
        Checksum((await db.RowsAsync("SELECT id, data FROM items ORDER BY id")).Select(r => r.ToUpperInvariant()));

    private static Task<IReadOnlyList<RevisionRun>> UpAsync(TestDatabase db, Action<Op> upgrade, Action<Op>? downgrade = null, CancellationToken ct = default) =>
        new Migrator(db.Database, InlineScript.Single(upgrade, downgrade)).UpgradeAsync("head", ct);

    [SpecFact]
    public async Task Backfill_updates_every_row_once_in_keyset_batches()
    {
        await using var db = await ItemsAsync();
        var expected = await ExpectedUpperAsync(db);
        var runs = await UpAsync(db, op => op.Backfill("items", "data_upper = upper(data), counter = counter + 1", batching: Small()));
        Assert.Equal(expected, Checksum(await db.RowsAsync("SELECT id, data_upper FROM items ORDER BY id")));
        Assert.Equal(Rows, await db.CountAsync("items WHERE counter = 1"));
        Assert.Equal(Rows, Assert.Single(runs).Rows);
        Assert.Equal(Rows, (await new Migrator(db.Database, InlineScript.Single(_ => { })).GetHistoryAsync()).Single().Rows);
        Assert.Equal(0, await db.CountAsync("retort_progress"));
    }

    [SpecFact]
    public async Task Backfill_with_where_updates_only_matching_rows_and_reverses()
    {
        await using var db = await ItemsAsync();
        Action<Op> up = op => op.Backfill("items", "counter = 7", where: "id % 2 = 0", reverseSet: "counter = 0", batching: Small(300));
        var migrator = new Migrator(db.Database, InlineScript.Single(up));
        await migrator.UpgradeAsync();
        Assert.Equal(Rows / 2, await db.CountAsync("items WHERE counter = 7"));
        await migrator.DowngradeAsync("base");
        Assert.Equal(0, await db.CountAsync("items WHERE counter <> 0"));
    }

    [SpecFact]
    public async Task Transform_writes_every_row_through_csharp()
    {
        await using var db = await ItemsAsync();
        var expected = await ExpectedUpperAsync(db);
        await UpAsync(db, op =>
        {
            op.CreateTable("items_copy", new Column("id", SqlType.BigInteger, primaryKey: true), new Column("data_upper", SqlType.Text, nullable: false));
            op.Transform<Item, ItemCopy>("items", "items_copy", i => new ItemCopy(i.Id, i.Data.ToUpperInvariant()), batching: Small());
            op.AddColumn("items_copy", new Column("note", SqlType.Text));
        });
        Assert.Equal(Rows, await db.CountAsync("items_copy"));
        Assert.Equal(expected, Checksum(await db.RowsAsync("SELECT id, data_upper FROM items_copy ORDER BY id")));
        Assert.NotNull((await db.Database.ReflectTableAsync("items_copy"))!.Columns.SingleOrDefault(c => c.Name == "note"));
    }

    [SpecFact]
    public async Task Transform_from_a_query_skips_rows_the_function_drops()
    {
        await using var db = await ItemsAsync();
        await UpAsync(db, op =>
        {
            op.CreateTable("items_copy", new Column("id", SqlType.BigInteger, primaryKey: true), new Column("data_upper", SqlType.Text, nullable: false));
            op.Transform<Item, ItemCopy>("SELECT id, data FROM items WHERE id > 30", "items_copy",
                i => i.Id % 2 == 0 ? null : new ItemCopy(i.Id, i.Data.ToUpperInvariant()), keyColumns: ["id"], batching: Small(50));
        });
        var ids = (await db.QueryAsync("SELECT id FROM items WHERE id > 30 AND id % 2 = 1")).Count;
        Assert.Equal(ids, await db.CountAsync("items_copy"));
        Assert.Equal(0, await db.CountAsync("items_copy WHERE id % 2 = 0 OR id <= 30"));
    }

    [SpecFact]
    public async Task A_single_text_key_is_walked_in_the_database_order_without_gaps_or_repeats()
    {
        // Mixed case, digits and lengths: the batch boundaries must follow the database's own order of the key.
        await using var db = await CreateDatabaseAsync();
        var m = new MetaData();
        _ = new Table("tags", m,
            new Column("name", SqlType.String(20), primaryKey: true),
            new Column("counter", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(0)));
        await m.CreateAllAsync(db.Database);
        var names = Enumerable.Range(0, 1000).Select(i => (i % 3) switch { 0 => $"Tag{i}", 1 => $"tag{i:D4}", _ => $"{i}x" });
        await db.ExecAsync("INSERT INTO tags (name) VALUES " + string.Join(", ", names.Select(n => $"('{n}')")));
        var runs = await UpAsync(db, op => op.Backfill("tags", "counter = counter + 1", batching: Small(29)));
        Assert.Equal(1000, await db.CountAsync("tags WHERE counter = 1"));
        Assert.Equal(1000, Assert.Single(runs).Rows);
    }

    [SpecFact]
    public async Task Composite_text_keys_are_walked_without_gaps_or_repeats()
    {
        await using var db = await CreateDatabaseAsync();
        var m = new MetaData();
        _ = new Table("regions", m,
            new Column("region", SqlType.String(20), primaryKey: true),
            new Column("code", SqlType.String(20), primaryKey: true),
            new Column("label", SqlType.Text, nullable: false),
            new Column("counter", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(0)));
        await m.CreateAllAsync(db.Database);
        var values = Enumerable.Range(0, 1200).Select(i => $"('r{i % 7}', 'c{i:D5}', 'label {i}')");
        await db.ExecAsync("INSERT INTO regions (region, code, label) VALUES " + string.Join(", ", values));
        var expected = Checksum((await db.RowsAsync("SELECT region, code, label FROM regions ORDER BY region, code")).Select(r => r.ToUpperInvariant()));
        await UpAsync(db, op =>
        {
            op.Backfill("regions", "counter = counter + 1", batching: Small(37));
            op.CreateTable("region_copy",
                new Column("region", SqlType.String(20), primaryKey: true), new Column("code", SqlType.String(20), primaryKey: true),
                new Column("label_upper", SqlType.Text, nullable: false));
            op.Transform<RegionItem, RegionCopy>("regions", "region_copy",
                r => new RegionCopy(r.Region, r.Code, r.Label.ToUpperInvariant()), batching: Small(41));
        });
        Assert.Equal(1200, await db.CountAsync("regions WHERE counter = 1"));
        var copied = await db.RowsAsync("SELECT region, code, label_upper FROM region_copy ORDER BY region, code");
        Assert.Equal(expected, Checksum(copied.Select(r => r.ToUpperInvariant())));
    }

    [SpecFact]
    public async Task A_table_without_a_key_is_refused_with_a_clear_error_and_nothing_recorded()
    {
        await using var db = await CreateDatabaseAsync();
        await db.ExecAsync("CREATE TABLE heap (data TEXT)");
        await db.ExecAsync("INSERT INTO heap (data) VALUES ('a'), ('b')");
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => UpAsync(db, op => op.Backfill("heap", "data = upper(data)")));
        Assert.Contains("no primary key", e.Message);
        Assert.Equal(["a", "b"], await db.RowsAsync("SELECT data FROM heap ORDER BY data"));
        Assert.Null(await db.Database.ReflectTableAsync("retort_version")); // a failed first run keeps no Retort table
        var e2 = await Assert.ThrowsAsync<MigrationFailedException>(() => UpAsync(db, op => op.Backfill("heap", "data = upper(data)", keyColumns: ["data"])));
        Assert.Contains("not its primary key or a unique constraint", e2.Message);
    }

    [SpecFact]
    public async Task Cancelling_stops_after_a_batch_and_the_next_run_resumes_from_the_checkpoint()
    {
        await using var db = await ItemsAsync();
        var expected = await ExpectedUpperAsync(db);
        Action<Op> up = op =>
        {
            op.CreateTable("items_copy", new Column("id", SqlType.BigInteger), new Column("data_upper", SqlType.Text, nullable: false));
            op.Transform<Item, ItemCopy>("items", "items_copy", i => new ItemCopy(i.Id, i.Data.ToUpperInvariant()), batching: Small(50));
            op.Backfill("items", "counter = counter + 1", batching: Small(50));
        };
        // Stop once inside the transform, then once inside the backfill of the resumed run.
        foreach (var stopAt in new[] { 3, 45 })
        {
            using var cts = new CancellationTokenSource();
            var migrator = new Migrator(db.Database, InlineScript.Single(up));
            var batches = 0;
            migrator.DataProgressReported += _ => { if (++batches == stopAt) cts.Cancel(); };
            var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.UpgradeAsync("head", cts.Token));
            Assert.Contains("Run upgrade again to resume", e.Message);
            Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
            Assert.NotEmpty(await migrator.GetInProgressAsync());
        }
        var resumed = new Migrator(db.Database, InlineScript.Single(up));
        var first = (DataProgress?)null;
        resumed.DataProgressReported += p => first ??= p;
        await resumed.UpgradeAsync();
        Assert.True(first!.Resumed);
        Assert.Equal(Rows, await db.CountAsync("items_copy"));
        Assert.Equal(expected, Checksum(await db.RowsAsync("SELECT id, data_upper FROM items_copy ORDER BY id")));
        Assert.Equal(Rows, await db.CountAsync("items WHERE counter = 1"));
        Assert.Empty(await resumed.GetInProgressAsync());
        Assert.Equal(["r1"], await resumed.GetCurrentHeadIdsAsync());
    }

    [SpecFact]
    public async Task Progress_reports_rows_estimate_rate_and_adapts_the_batch_size()
    {
        await using var db = await ItemsAsync();
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("items", "counter = counter + 1",
            batching: new BatchOptions { BatchSize = 20, TargetBatchDuration = TimeSpan.FromSeconds(5) })));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();
        Assert.True(reports.Count >= 3);
        Assert.Equal(Rows, reports[^1].RowsDone);
        Assert.True(reports[^1].Finished);
        Assert.All(reports, r => Assert.Equal(Rows, r.TotalEstimate));
        Assert.True(reports[0].RowsPerSecond > 0);
        Assert.NotNull(reports[0].Eta);
        Assert.True(reports[1].BatchSize > 20, "batches far below the target duration grow");
    }

    [SpecFact]
    public async Task Steps_without_batching_of_their_own_run_with_the_runners_default_which_no_checksum_holds()
    {
        // Gapless keys: a batch bounded by key value holds as many rows as one bounded by row count.
        await using var db = await CreateDatabaseAsync();
        await DataFixtures.CreateItemsAsync(db, Rows, integerKey: true);
        var expected = await ExpectedUpperAsync(db);
        RevisionSet Revisions(BatchOptions own) => new([
            new Revision(RevisionInfo.Create("d1", null, "default batches"), new InlineScript(op =>
            {
                op.CreateTable("items_copy", new Column("id", SqlType.BigInteger), new Column("data_upper", SqlType.Text, nullable: false));
                op.Transform<Item, ItemCopy>("items", "items_copy", i => new ItemCopy(i.Id, i.Data.ToUpperInvariant()));
                op.Backfill("items", "counter = counter + 1");
            })),
            new Revision(RevisionInfo.Create("d2", "d1", "own batches"), new InlineScript(op => op.Backfill("items", "data_upper = upper(data)", batching: own))),
        ]);
        var runnerDefault = new BatchOptions { BatchSize = 250, TargetBatchDuration = null };
        var migrator = new Migrator(db.Database, Revisions(Small()), new MigratorOptions { Batching = runnerDefault });
        var reports = new List<DataProgress>();
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();

        // Each step's committed batches, as the rows done after each (a last empty batch may report the total again).
        var steps = reports.GroupBy(r => (r.Revision.Id, r.Step)).OrderBy(g => g.Key.Id, StringComparer.Ordinal).ThenBy(g => g.Key.Step)
            .Select(g => g.Select(r => r.RowsDone).Distinct().ToList()).ToList();
        static List<long> Batches(int size) => Enumerable.Range(1, (Rows + size - 1) / size).Select(i => (long)Math.Min(i * size, Rows)).ToList();
        Assert.Equal([Batches(250), Batches(250), Batches(97)], steps);
        Assert.Equal([250, 97], reports.Select(r => r.BatchSize).Distinct().Order().Reverse());
        Assert.Equal(expected, Checksum(await db.RowsAsync("SELECT id, data_upper FROM items_copy ORDER BY id")));
        Assert.Equal(expected, Checksum(await db.RowsAsync("SELECT id, data_upper FROM items ORDER BY id")));
        Assert.Equal(Rows, await db.CountAsync("items WHERE counter = 1"));

        // The recorded checksums hold what the revisions say, not the default they ran with: with another default, or
        // none, nothing looks edited; a step's own batching is part of its revision, so changing it does.
        Assert.Empty(await new Migrator(db.Database, Revisions(Small())).FindEditedRevisionsAsync());
        Assert.Empty(await new Migrator(db.Database, Revisions(Small()), new MigratorOptions { Batching = runnerDefault with { BatchSize = 40 } }).FindEditedRevisionsAsync());
        Assert.Equal("d2", Assert.Single(await new Migrator(db.Database, Revisions(Small(98))).FindEditedRevisionsAsync()).Revision);
    }

    [SpecFact]
    public async Task Offline_backfill_is_one_update_and_a_transform_is_refused()
    {
        var migrator = new Migrator(OfflineDatabase(), InlineScript.Single(op => op.Backfill("items", "data_upper = upper(data)", where: "data_upper IS NULL")));
        var script = new StringWriter();
        await migrator.WriteScriptAsync(script, up: true, "head");
        Assert.Contains("UPDATE \"items\" SET data_upper = upper(data) WHERE data_upper IS NULL;", script.ToString());
        Assert.Contains("-- Backfill, rendered as one UPDATE", script.ToString());
        var refused = new Migrator(OfflineDatabase(), InlineScript.Single(op =>
            op.Transform<Item, ItemCopy>("items", "items_copy", i => new ItemCopy(i.Id, i.Data))));
        var e = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => refused.WriteScriptAsync(new StringWriter(), true, "head"));
        Assert.Contains("transform", e.Message);
    }
}
