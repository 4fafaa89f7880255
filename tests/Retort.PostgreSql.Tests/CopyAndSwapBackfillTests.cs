using Retort.Specification.Support;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// A copy-and-swap backfill: the rows come out as an in-place UPDATE would leave them, and the table that replaces
/// the original keeps its name, columns, indexes and constraints under their names, grants, comment and sequences,
/// with nothing of the copy's machinery left behind. Tables the copy cannot stand in for are refused before anything changes.
/// </summary>
public sealed class CopyAndSwapBackfillTests
{
    private static BatchOptions Small => new() { BatchSize = 70, TargetBatchDuration = null };

    private static async Task<PgDatabase> OpenAsync()
    {
        return await PgDatabase.CreateAsync();
    }

    private static async Task<List<DataProgress>> BackfillAsync(PgDatabase db, string table, string set, string? where = null,
        BatchOptions? batching = null, string? schema = null)
    {
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill(table, set, where, batching: batching ?? Small, schema: schema,
            strategy: BackfillStrategy.CopyAndSwap)));
        migrator.DataProgressReported += reports.Add;
        await migrator.UpgradeAsync();
        return reports;
    }

    /// <summary>Everything about a table that the swap must keep, as text to compare.</summary>
    private static async Task<string> ShapeAsync(PgDatabase db, string table)
    {
        var rows = await db.QueryAsync($"""
            SELECT 'column ' || attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                   || ' ' || attidentity::text || ' ' || attgenerated::text || ' ' || coalesce(col_description(a.attrelid, a.attnum), '') || ' ' || coalesce(a.attacl::text, '')
              FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL SELECT 'index ' || replace(pg_get_indexdef(indexrelid), '{table}', 'T') FROM pg_index WHERE indrelid = '{table}'::regclass
            UNION ALL SELECT 'constraint ' || conname || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint WHERE conrelid = '{table}'::regclass
            UNION ALL SELECT 'table ' || coalesce(obj_description('{table}'::regclass, 'pg_class'), '') || ' ' || coalesce(relacl::text, '') || ' '
                   || pg_get_userbyid(relowner) || ' ' || relpersistence::text || ' ' || relreplident::text || ' ' || coalesce(reloptions::text, '') FROM pg_class WHERE oid = '{table}'::regclass
            UNION ALL SELECT 'sequence ' || coalesce(pg_get_serial_sequence('{table}', attname), '') FROM pg_attribute
             WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped
            ORDER BY 1
            """);
        return string.Join("\n", rows.Select(r => r[0]));
    }

    private static async Task AssertNoLeftoversAsync(PgDatabase db)
    {
        Assert.Empty(await db.QueryAsync("SELECT relname FROM pg_class WHERE relname LIKE 'retort\\_copy\\_%'"));
        Assert.Empty(await db.QueryAsync("SELECT proname FROM pg_proc WHERE proname LIKE 'retort\\_copy\\_%'"));
        Assert.Empty(await db.QueryAsync("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'retort\\_copy\\_%'"));
    }

    [PgFact]
    public async Task The_swapped_in_table_has_the_backfilled_rows_and_everything_the_original_had()
    {
        await using var db = await OpenAsync();
        var role = "retort_reader_" + Guid.NewGuid().ToString("N")[..8];
        await db.ExecAsync($"""
            CREATE ROLE {role};
            CREATE TABLE parents (id integer PRIMARY KEY);
            INSERT INTO parents SELECT generate_series(1, 5);
            CREATE TABLE items (
                id serial PRIMARY KEY,
                code text NOT NULL CONSTRAINT items_code_key UNIQUE,
                data text NOT NULL,
                data_upper text,
                parent_id integer CONSTRAINT items_parent_fk REFERENCES parents (id),
                qty integer NOT NULL DEFAULT 1 CONSTRAINT items_qty_check CHECK (qty > 0),
                twice integer GENERATED ALWAYS AS (qty * 2) STORED,
                dropped_later text
            ) WITH (fillfactor = 90);
            ALTER TABLE items DROP COLUMN dropped_later;
            CREATE INDEX items_lower_data ON items (lower(data)) WHERE qty > 1;
            COMMENT ON TABLE items IS 'the items';
            COMMENT ON COLUMN items.data IS 'what it says';
            GRANT SELECT, UPDATE ON items TO {role};
            GRANT INSERT (data) ON items TO {role};
            INSERT INTO items (code, data, parent_id, qty) SELECT 'c' || i, 'row ' || i, 1 + i % 5, 1 + i % 3 FROM generate_series(1, 500) i;
            DELETE FROM items WHERE id % 7 = 0;
            """);
        var before = await ShapeAsync(db, "items");
        var expected = await db.QueryAsync("SELECT id, code, data, CASE WHEN qty > 1 THEN upper(data) END, parent_id, qty, twice FROM items ORDER BY id");

        var reports = await BackfillAsync(db, "items", "data_upper = upper(data)", where: "qty > 1");

        Assert.Equal(expected, await db.QueryAsync("SELECT id, code, data, data_upper, parent_id, qty, twice FROM items ORDER BY id"));
        Assert.Equal(before, await ShapeAsync(db, "items"));
        Assert.True(reports[^1].Finished);
        Assert.Equal(expected.Count, reports[^1].RowsDone);
        // The serial's sequence moved to the new table and goes on from where it was.
        await db.ExecAsync("INSERT INTO items (code, data) VALUES ('new', 'new row')");
        Assert.Equal(501, await db.ScalarAsync("SELECT id FROM items WHERE code = 'new'"));
        // The constraints are enforced on the new table.
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO items (code, data, parent_id) VALUES ('x', 'x', 99)"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO items (code, data) VALUES ('c1', 'x')"));
        await AssertNoLeftoversAsync(db);
        await db.ExecAsync($"DROP TABLE items; DROP ROLE {role}");
    }

    [PgFact]
    public async Task An_identity_key_keeps_its_sequence_name_and_position_and_a_schema_qualified_table_works()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("""
            CREATE SCHEMA "Shop";
            CREATE TABLE "Shop"."Orders" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "Total" numeric NOT NULL, cents bigint);
            INSERT INTO "Shop"."Orders" ("Total") SELECT i / 100.0 FROM generate_series(1, 300) i;
            """);
        var before = await ShapeAsync(db, "\"Shop\".\"Orders\"");

        await BackfillAsync(db, "Orders", "cents = (\"Total\" * 100)::bigint -- in cents", schema: "Shop");

        Assert.Equal(before, await ShapeAsync(db, "\"Shop\".\"Orders\""));
        Assert.Equal(0L, await db.CountAsync("\"Shop\".\"Orders\" WHERE cents IS DISTINCT FROM (\"Total\" * 100)::bigint"));
        await db.ExecAsync("INSERT INTO \"Shop\".\"Orders\" (\"Total\") VALUES (1)");
        Assert.Equal(301L, Convert.ToInt64(await db.ScalarAsync("SELECT max(id) FROM \"Shop\".\"Orders\"")));
        await AssertNoLeftoversAsync(db);
    }

    [PgFact]
    public async Task Cancelled_between_batches_the_table_is_untouched_and_a_rerun_finishes_with_the_writes_made_in_between()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id bigint PRIMARY KEY, data text NOT NULL, data_upper text); " +
                           "INSERT INTO t (id, data) SELECT i, 'row ' || i FROM generate_series(1, 1000) i");
        using var cts = new CancellationTokenSource();
        var batches = 0;
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "data_upper = upper(data)", batching: Small,
            strategy: BackfillStrategy.CopyAndSwap)));
        migrator.DataProgressReported += _ => { if (++batches == 3) cts.Cancel(); };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.UpgradeAsync(cancellationToken: cts.Token));

        Assert.Equal(0, await db.CountAsync("t WHERE data_upper IS NOT NULL"));
        var copy = (string)(await db.ScalarAsync("SELECT relname FROM pg_class WHERE relname ~ '^retort_copy_[0-9]+$'"))!;
        Assert.Equal(210, await db.CountAsync(copy));
        // Writes between the runs: to rows already copied, to rows not yet copied, new rows and deleted rows.
        await db.ExecAsync("UPDATE t SET data = 'changed ' || id WHERE id IN (5, 500); INSERT INTO t (id, data) VALUES (2000, 'new'); DELETE FROM t WHERE id IN (6, 600)");

        await new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "data_upper = upper(data)", batching: Small,
            strategy: BackfillStrategy.CopyAndSwap))).UpgradeAsync();

        Assert.Equal(999, await db.CountAsync("t"));
        Assert.Equal(999, await db.CountAsync("t WHERE data_upper = upper(data)"));
        Assert.Equal("CHANGED 5", await db.ScalarAsync("SELECT data_upper FROM t WHERE id = 5"));
        await AssertNoLeftoversAsync(db);
    }

    /// <summary>Creates t (300 rows) and starts a copy-and-swap backfill of it (n = 1) that is cancelled after its first batch; returns its migrator.</summary>
    private static async Task<Migrator> StopAfterFirstBatchAsync(PgDatabase db)
    {
        await db.ExecAsync("CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, 300)");
        using var cts = new CancellationTokenSource();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = 1", batching: Small, strategy: BackfillStrategy.CopyAndSwap)));
        migrator.DataProgressReported += _ => cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrator.UpgradeAsync(cancellationToken: cts.Token));
        return migrator;
    }

    [PgFact]
    public async Task A_column_added_while_the_copy_was_paused_stops_the_resumed_run_before_anything_changes()
    {
        await using var db = await OpenAsync();
        var migrator = await StopAfterFirstBatchAsync(db);
        await db.ExecAsync("ALTER TABLE t ADD COLUMN extra text");

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("its columns changed after the copy", e.ToString());
        Assert.Equal(0, await db.CountAsync("t WHERE n <> 0"));
        Assert.Equal(300, await db.CountAsync("t"));
    }

    [PgFact]
    public async Task An_index_created_on_the_table_after_the_copy_got_its_indexes_stops_the_swap()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, 300)");
        await using var connection = await db.Database.OpenConnectionAsync();
        var copy = await DialectAccess.CreateTableCopyAsync(db.Database, connection, new BackfillOperation("t", "n = 1") { Strategy = BackfillStrategy.CopyAndSwap },
            ["id"], resuming: false);
        async Task InTransactionAsync(Func<System.Data.Common.DbTransaction, Task> work)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await work(transaction);
            await transaction.CommitAsync();
        }
        await InTransactionAsync(tx => copy.PrepareAsync(connection, tx, CancellationToken.None));
        await InTransactionAsync(async tx =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = copy.CopyBatchSql("id > 0");
            Assert.Equal(300, await command.ExecuteNonQueryAsync());
        });
        await InTransactionAsync(tx => copy.BuildIndexesAsync(connection, tx, CancellationToken.None));
        await db.ExecAsync("CREATE INDEX t_n ON t (n)");

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => InTransactionAsync(tx => copy.SwapAsync(connection, tx, CancellationToken.None)));

        Assert.Contains("the table changed while it was copied", e.Message);
        Assert.Contains("index t_n", e.Message);
        Assert.Equal(0, await db.CountAsync("t WHERE n <> 0"));
        Assert.Equal(1L, Convert.ToInt64(await db.ScalarAsync("SELECT count(*) FROM pg_indexes WHERE indexname = 't_n' AND tablename = 't'")));
    }

    /// <summary>Runs a copy-and-swap backfill of t (n = 1) whose <paramref name="meanwhile"/> runs, on another connection, after the first batch.</summary>
    private static async Task<List<DataProgress>> CopyWithAsync(PgDatabase db, string? meanwhile)
    {
        var reports = new List<DataProgress>();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = 1", batching: Small, strategy: BackfillStrategy.CopyAndSwap)));
        migrator.DataProgressReported += p =>
        {
            reports.Add(p);
            if (reports.Count == 1 && meanwhile is not null) db.ExecAsync(meanwhile).GetAwaiter().GetResult();
        };
        await migrator.UpgradeAsync();
        return reports;
    }

    [PgTheory]
    [InlineData("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER audit BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()", "it has trigger audit")]
    [InlineData("CREATE VIEW v AS SELECT * FROM t", "view v depends on it")]
    [InlineData("ALTER TABLE t DISABLE TRIGGER ALL", "were dropped or disabled")]
    [InlineData("CREATE INDEX t_n ON t (n)", "the table changed while it was copied")]
    public async Task What_is_added_to_the_table_while_it_is_copied_stops_the_swap_and_leaves_the_table_as_it_was(string meanwhile, string reason)
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, 300)");

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => CopyWithAsync(db, meanwhile));

        Assert.Contains(reason, e.ToString());
        Assert.Equal(0, await db.CountAsync("t WHERE n <> 0"));
        Assert.Equal(300, await db.CountAsync("t"));
    }

    [PgFact]
    public async Task After_a_refused_swap_the_rerun_goes_straight_to_the_swap_and_keeps_every_write()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n integer NOT NULL DEFAULT 0); " +
                           "INSERT INTO t (n) SELECT 0 FROM generate_series(1, 300)");
        await Assert.ThrowsAnyAsync<RetortException>(() => CopyWithAsync(db, "CREATE INDEX t_n ON t (n); INSERT INTO t (n) SELECT 0 FROM generate_series(1, 5)"));
        var copied = Convert.ToInt64(await db.ScalarAsync("SELECT rows_done FROM retort_progress"));
        await db.ExecAsync("DROP INDEX t_n; INSERT INTO t (n) SELECT 0 FROM generate_series(1, 3); UPDATE t SET n = 7 WHERE id = 2");

        var reports = await CopyWithAsync(db, null);

        // Every row was copied in the first run: the rerun copies nothing again, it replays the writes and swaps.
        Assert.Equal(copied, Assert.Single(reports).RowsDone);
        Assert.True(reports[0].Finished);
        Assert.Equal(308, await db.CountAsync("t"));
        Assert.Equal(308, await db.CountAsync("t WHERE n = 1"));
        await AssertNoLeftoversAsync(db);
    }

    [PgFact]
    public async Task Deleting_a_row_and_then_the_row_it_refers_to_works_while_the_table_is_copied()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("""
            CREATE TABLE parents (id integer PRIMARY KEY);
            INSERT INTO parents SELECT generate_series(1, 3) UNION ALL SELECT 999;
            CREATE TABLE t (id bigint PRIMARY KEY, parent_id integer NOT NULL CONSTRAINT t_parent_fk REFERENCES parents (id), n integer NOT NULL DEFAULT 0);
            INSERT INTO t (id, parent_id) SELECT 1, 999 UNION ALL SELECT i, 1 + i % 3 FROM generate_series(2, 300) i;
            """);

        // The copy holds row 1 from its first batch on; that must not stop the application deleting the row and then its parent.
        await CopyWithAsync(db, "DELETE FROM t WHERE id = 1; DELETE FROM parents WHERE id = 999");

        Assert.Equal(299, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(299, await db.CountAsync("t"));
        Assert.Equal([[true]], await db.QueryAsync("SELECT convalidated FROM pg_constraint WHERE conname = 't_parent_fk' AND conrelid = 't'::regclass"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO t (id, parent_id) VALUES (301, 999)"));
    }

    [PgFact]
    public async Task A_transaction_on_a_referenced_table_that_then_writes_the_copied_table_neither_deadlocks_nor_fails()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("""
            CREATE TABLE parents (id integer PRIMARY KEY);
            INSERT INTO parents SELECT generate_series(1, 3) UNION ALL SELECT 999;
            CREATE TABLE t (id bigint PRIMARY KEY, parent_id integer NOT NULL REFERENCES parents (id), n integer NOT NULL DEFAULT 0);
            INSERT INTO t (id, parent_id) SELECT 1, 999 UNION ALL SELECT i, 1 + i % 3 FROM generate_series(2, 300) i;
            """);
        await using var other = (Npgsql.NpgsqlConnection)await db.Database.OpenConnectionAsync();
        Npgsql.NpgsqlTransaction? open = null;
        Task? finish = null;
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = 1", batching: Small, strategy: BackfillStrategy.CopyAndSwap)));
        migrator.DataProgressReported += _ =>
        {
            if (open is not null) return;
            // A transaction holds a lock on parents while the copy runs, then writes t and parents, then commits.
            open = other.BeginTransaction();
            using (var hold = new Npgsql.NpgsqlCommand("UPDATE parents SET id = id WHERE id = 3", other, open)) hold.ExecuteNonQuery();
            finish = Task.Run(async () =>
            {
                await Task.Delay(700);
                await using (var write = new Npgsql.NpgsqlCommand("DELETE FROM t WHERE id = 1; DELETE FROM parents WHERE id = 999", other, open))
                    await write.ExecuteNonQueryAsync();
                await open.CommitAsync();
            });
        };

        await migrator.UpgradeAsync();
        await finish!;

        Assert.Equal(299, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(299, await db.CountAsync("t"));
        Assert.Equal(0, await db.CountAsync("parents WHERE id = 999"));
    }

    [PgFact]
    public async Task A_value_the_copy_cannot_plan_is_refused_before_anything_changes()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id bigint PRIMARY KEY, label text, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, 30)");
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "label = n + 1", where: "n = 0", strategy: BackfillStrategy.CopyAndSwap)));

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("does not plan: CASE types text and integer cannot be matched", e.ToString());
        Assert.Contains("cast it", e.ToString());
        Assert.Equal(0, await db.CountAsync("t WHERE label IS NOT NULL"));
        await AssertNoLeftoversAsync(db);
    }

    [PgFact]
    public async Task A_key_that_may_be_null_is_refused()
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id bigint PRIMARY KEY, ext text UNIQUE, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, 30)");
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = 1", keyColumns: ["ext"], strategy: BackfillStrategy.CopyAndSwap)));

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("key column ext may be NULL", e.ToString());
        await AssertNoLeftoversAsync(db);
    }

    [PgFact]
    public async Task Truncating_the_table_while_it_is_copied_is_refused()
    {
        await using var db = await OpenAsync();
        await StopAfterFirstBatchAsync(db);

        var e = await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("TRUNCATE t"));

        Assert.Contains("is being copied by a Retort backfill", e.Message);
        Assert.Equal(300, await db.CountAsync("t"));
    }

    [PgTheory]
    [InlineData("CREATE VIEW v AS SELECT * FROM t", "view v depends on it")]
    [InlineData("CREATE TABLE child (id integer REFERENCES t (id))", "foreign key child_id_fkey of child refers to it")]
    [InlineData("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; CREATE TRIGGER audit BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()", "it has trigger audit")]
    [InlineData("ALTER TABLE t ENABLE ROW LEVEL SECURITY", "row-level security is enabled on it")]
    [InlineData("CREATE TABLE sub (extra text) INHERITS (t)", "table sub inherits from it")]
    [InlineData("CREATE PUBLICATION pub FOR TABLE t", "it is in publication pub")]
    public async Task A_table_that_other_objects_refer_to_is_refused_before_anything_changes(string setUp, string reason)
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0); INSERT INTO t (id) SELECT generate_series(1, 50)");
        await db.ExecAsync(setUp);

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => BackfillAsync(db, "t", "n = 1"));

        Assert.Contains(reason, e.ToString());
        Assert.Contains("in place", e.ToString());
        Assert.Equal(0L, await db.CountAsync("t WHERE n <> 0"));
        await AssertNoLeftoversAsync(db);
        if (setUp.StartsWith("CREATE PUBLICATION", StringComparison.Ordinal)) await db.ExecAsync("DROP PUBLICATION pub");
    }

    [PgTheory]
    [InlineData("id = id + 1", "assigns key column 'id'")]
    [InlineData("nope = 1", "has no column 'nope'")]
    [InlineData("(n, m) = (1, 2)", "each item must be 'column = expression'")]
    [InlineData("n = DEFAULT", "DEFAULT")]
    public async Task A_set_clause_the_copy_cannot_apply_is_refused(string set, string reason)
    {
        await using var db = await OpenAsync();
        await db.ExecAsync("CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0, m integer); INSERT INTO t (id) SELECT generate_series(1, 50)");

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => BackfillAsync(db, "t", set));

        Assert.Contains(reason, e.ToString());
        Assert.Equal(0L, await db.CountAsync("t WHERE n <> 0"));
        await AssertNoLeftoversAsync(db);
    }
}
