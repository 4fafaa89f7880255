using Microsoft.Data.Sqlite;
using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Runner;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>Changes SQLite's ALTER TABLE cannot make go through a rebuild that keeps rows and dependent objects.</summary>
public class RebuildTests
{
    private static async Task<TempDatabase> SeededAsync()
    {
        var db = new TempDatabase();
        db.Exec("""
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY,
                customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
                qty TEXT,
                note VARCHAR(20),
                CHECK (id > 0),
                CONSTRAINT ck_orders_note CHECK (note <> 'bad')
            );
            CREATE INDEX ix_orders_customer ON orders (customer_id);
            CREATE TABLE lines (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id));
            CREATE TABLE audit (msg TEXT);
            CREATE TRIGGER trg_orders AFTER INSERT ON orders BEGIN INSERT INTO audit VALUES ('order ' || NEW.id); END;
            CREATE VIEW v_orders AS SELECT id, customer_id, qty FROM orders;
            INSERT INTO customers VALUES (1, 'ann'), (2, 'bob');
            INSERT INTO orders VALUES (1, 1, '10', 'a'), (2, 2, '20', NULL), (3, 1, '7', 'c');
            INSERT INTO lines VALUES (1, 1), (2, 3);
            """);
        await Task.CompletedTask;
        return db;
    }

    private static Task Run(TempDatabase db, Action<Op> upgrade) =>
        new Migrator(db.Database, Rev.Chain(upgrade)).UpgradeAsync("head");

    [Fact]
    public async Task Type_change_converts_values_and_keeps_everything_else()
    {
        await using var db = await SeededAsync();
        await Run(db, op => op.AlterColumn("orders", "qty", type: SqlType.Integer, existingType: SqlType.Text));
        Assert.Equal([10L, 20L, 7L], db.Query("SELECT qty FROM orders ORDER BY id").Select(r => r[0]));
        Assert.Equal("integer", db.Scalar("SELECT typeof(qty) FROM orders WHERE id = 1"));
        var t = (await db.Database.ReflectTableAsync("orders"))!;
        Assert.Equal(SqlType.Integer, t.GetColumn("qty").Type);
        Assert.Equal("ix_orders_customer", Assert.Single(t.Indexes).Name);
        Assert.Equal(ReferentialAction.Cascade, Assert.Single(t.ForeignKeys).OnDelete);
        Assert.Contains(t.CheckConstraints, c => c.Name is null && c.Expression == "id > 0");
        Assert.Contains(t.CheckConstraints, c => c.Name == "ck_orders_note");
        // Trigger and view survive and work.
        db.Exec("INSERT INTO orders (id, customer_id, qty) VALUES (4, 2, 5)");
        Assert.Equal("order 4", db.Scalar("SELECT msg FROM audit ORDER BY rowid DESC LIMIT 1"));
        Assert.Equal(4L, db.Scalar("SELECT count(*) FROM v_orders"));
        // Incoming foreign key still enforced, cascade still fires.
        Assert.ThrowsAny<Exception>(() => db.Exec("INSERT INTO lines VALUES (9, 99)"));
        db.AssertIntegrity();
        Assert.Empty(db.Query("SELECT name FROM sqlite_master WHERE name LIKE '_retort_new_%'"));
    }

    [Fact]
    public async Task Nullability_default_and_constraints_change_in_one_rebuild()
    {
        await using var db = await SeededAsync();
        var log = new ListLogger();
        var revisions = Rev.Chain(op =>
        {
            op.AlterColumn("orders", "qty", nullable: false, existingNullable: true);
            op.AlterColumn("orders", "note", serverDefault: Schema.ServerDefault.Literal("none"));
            op.CreateUniqueConstraint("uq_orders_note", "orders", "note");
            op.CreateCheckConstraint("ck_orders_qty", "orders", "CAST(qty AS INTEGER) < 100");
            op.DropConstraint("ck_orders_note", "orders");
        });
        await new Migrator(db.Database, revisions, logger: log).UpgradeAsync("head");
        Assert.Single(log.Messages, m => m.StartsWith("CREATE TABLE \"_retort_new_orders\"", StringComparison.Ordinal));
        var t = (await db.Database.ReflectTableAsync("orders"))!;
        Assert.False(t.GetColumn("qty").Nullable);
        Assert.Equal(Schema.ServerDefault.Literal("none"), t.GetColumn("note").Default);
        Assert.Equal("uq_orders_note", Assert.Single(t.UniqueConstraints).Name);
        Assert.DoesNotContain(t.CheckConstraints, c => c.Name == "ck_orders_note");
        Assert.Contains(t.CheckConstraints, c => c.Name == "ck_orders_qty");
        Assert.Contains(t.CheckConstraints, c => c.Expression == "id > 0");
        Assert.Equal(3L, db.Scalar("SELECT count(*) FROM orders"));
        db.AssertIntegrity();
    }

    [Fact]
    public async Task Dropping_an_indexed_column_is_refused_naming_each_index_and_changes_nothing()
    {
        await using var db = await SeededAsync();
        db.Exec("CREATE INDEX ix_orders_note ON orders (note); CREATE INDEX ix_orders_noted ON orders (customer_id) WHERE note IS NOT NULL;");
        var before = db.SchemaDump();
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => Run(db, op => op.DropColumn("orders", "note")));
        Assert.Equal("r1", e.RevisionId);
        Assert.Contains("Cannot drop column 'orders.note'", e.Message);
        Assert.Contains("index ix_orders_note", e.Message);
        Assert.Contains("index ix_orders_noted", e.Message);
        Assert.Contains("constraint ck_orders_note", e.Message);
        Assert.Contains("op.DropIndex(\"ix_orders_note\", \"orders\"", e.Message);
        Assert.Equal(before, db.SchemaDump());
        // A failed first run leaves none of Retort's tables behind.
        Assert.Empty(db.Query("SELECT name FROM sqlite_master WHERE name LIKE 'retort%'"));
    }

    [Fact]
    public async Task Dropping_a_column_after_its_index_and_constraint_works_and_the_downgrade_restores_them()
    {
        await using var db = await SeededAsync();
        db.Exec("CREATE INDEX ix_orders_note ON orders (note) WHERE note IS NOT NULL");
        var seeded = (await db.Database.ReflectTableAsync("orders"))!;
        var migrator = new Migrator(db.Database, InlineScript.Single(op =>
        {
            op.DropIndex("ix_orders_note", "orders", existing: seeded.Indexes.Single(i => i.Name == "ix_orders_note"));
            op.DropConstraint("ck_orders_note", "orders", existing: seeded.CheckConstraints.Single(c => c.Name == "ck_orders_note"));
            op.DropColumn("orders", "note", existing: seeded.GetColumn("note"));
        }));
        await migrator.UpgradeAsync("head");
        var t = (await db.Database.ReflectTableAsync("orders"))!;
        Assert.Null(t.FindColumn("note"));
        Assert.Equal(["ix_orders_customer"], t.Indexes.Select(i => i.Name));
        Assert.Equal(3L, db.Scalar("SELECT count(*) FROM orders"));
        db.AssertIntegrity();

        await migrator.DowngradeAsync("base");
        t = (await db.Database.ReflectTableAsync("orders"))!;
        Assert.Equal("note IS NOT NULL", t.Indexes.Single(i => i.Name == "ix_orders_note").Where);
        Assert.Contains(t.CheckConstraints, c => c.Name == "ck_orders_note");
        Assert.ThrowsAny<Exception>(() => db.Exec("UPDATE orders SET note = 'bad' WHERE id = 1"));
        db.AssertIntegrity();
    }

    [Fact]
    public async Task Autoincrement_and_its_sequence_survive_a_rebuild_and_its_downgrade()
    {
        await using var db = new TempDatabase();
        db.Exec("""
            CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            INSERT INTO t (v) VALUES ('1'), ('2'), ('3');
            DELETE FROM t WHERE id = 3;
            CREATE TABLE emptied (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
            INSERT INTO emptied (v) VALUES ('1'), ('2');
            DELETE FROM emptied;
            """);
        var migrator = new Migrator(db.Database, InlineScript.Single(op =>
        {
            op.AlterColumn("t", "v", type: SqlType.Integer, existingType: SqlType.Text);
            op.AlterColumn("emptied", "v", type: SqlType.Integer, existingType: SqlType.Text);
        }));
        await migrator.UpgradeAsync("head");
        Assert.Contains("AUTOINCREMENT", (string)db.Scalar("SELECT sql FROM sqlite_master WHERE name = 't'")!);
        Assert.Equal(["emptied|2", "t|3"], db.Query("SELECT name, seq FROM sqlite_sequence ORDER BY name").Select(r => $"{r[0]}|{r[1]}"));
        db.Exec("INSERT INTO t (v) VALUES (4); DELETE FROM t WHERE id = 4; INSERT INTO emptied (v) VALUES (3);");
        Assert.Equal(3L, db.Scalar("SELECT id FROM emptied"));

        await migrator.DowngradeAsync("base");
        Assert.Equal(["emptied|3", "t|4"], db.Query("SELECT name, seq FROM sqlite_sequence ORDER BY name").Select(r => $"{r[0]}|{r[1]}"));
        db.Exec("INSERT INTO t (v) VALUES ('5')");
        Assert.Equal(5L, db.Scalar("SELECT max(id) FROM t"));
    }

    [Fact]
    public async Task Column_clauses_survive_a_rebuild_of_another_column()
    {
        await using var db = new TempDatabase();
        db.Exec("""
            CREATE TABLE p (
                id INTEGER PRIMARY KEY,
                email TEXT COLLATE NOCASE UNIQUE,
                n TEXT,
                email_length INTEGER GENERATED ALWAYS AS (length(email)) STORED,
                made TEXT DEFAULT (upper('x')),
                code TEXT UNIQUE ON CONFLICT REPLACE CONSTRAINT ck_p_code CHECK (code <> 'bad'),
                pos INTEGER NOT NULL ON CONFLICT IGNORE DEFAULT 0
            );
            INSERT INTO p (email, n, code) VALUES ('Ann@x.org', '1', 'A');
            """);
        await Run(db, op => op.AlterColumn("p", "n", type: SqlType.Integer, existingType: SqlType.Text));
        Assert.Equal(1L, db.Scalar("SELECT n FROM p"));
        Assert.ThrowsAny<SqliteException>(() => db.Exec("INSERT INTO p (email) VALUES ('ANN@X.ORG')"));
        Assert.Equal(1L, db.Scalar("SELECT count(*) FROM p WHERE email = 'ann@X.org'"));
        Assert.Equal(9L, db.Scalar("SELECT email_length FROM p"));
        Assert.Equal("X", db.Scalar("SELECT made FROM p"));
        Assert.Throws<SqliteException>(() => db.Exec("UPDATE p SET code = 'bad'"));
        db.Exec("INSERT INTO p (email, code) VALUES ('bob@x.org', 'A')"); // REPLACE: the row holding 'A' gives way
        Assert.Equal("bob@x.org", db.Scalar("SELECT group_concat(email) FROM p"));
        db.Exec("INSERT INTO p (email, pos) VALUES ('cy@x.org', NULL)"); // IGNORE: the row is skipped
        Assert.Equal(1L, db.Scalar("SELECT count(*) FROM p"));
        db.AssertIntegrity();
    }

    [Fact]
    public async Task A_rename_that_shares_a_rebuild_keeps_views_and_update_of_triggers_working()
    {
        await using var db = await SeededAsync();
        db.Exec("CREATE TRIGGER trg_orders_qty AFTER UPDATE OF qty ON orders BEGIN INSERT INTO audit VALUES ('qty ' || new.qty); END;");
        await Run(db, op =>
        {
            op.AlterColumn("orders", "qty", newColumnName: "quantity");
            op.AlterColumn("orders", "note", type: SqlType.Text, existingType: SqlType.String(20));
        });
        Assert.Equal(3L, db.Scalar("SELECT count(quantity) FROM v_orders"));
        db.Exec("UPDATE orders SET quantity = '11' WHERE id = 1");
        Assert.Equal("qty 11", db.Scalar("SELECT msg FROM audit ORDER BY rowid DESC LIMIT 1"));
        db.Exec("INSERT INTO orders (id, customer_id, quantity) VALUES (4, 2, '5')");
        Assert.Equal("order 4", db.Scalar("SELECT msg FROM audit ORDER BY rowid DESC LIMIT 1"));
        db.AssertIntegrity();
    }

    [Fact]
    public async Task A_rename_to_a_keyword_in_a_rebuild_is_quoted_everywhere()
    {
        await using var db = await SeededAsync();
        db.Exec("CREATE INDEX ix_orders_noted ON orders (customer_id) WHERE note IS NOT NULL");
        await Run(db, op => op.AlterColumn("orders", "note", newColumnName: "order", type: SqlType.Text, existingType: SqlType.String(20)));
        var t = (await db.Database.ReflectTableAsync("orders"))!;
        Assert.Equal(SqlType.Text, t.GetColumn("order").Type);
        Assert.Throws<SqliteException>(() => db.Exec("UPDATE orders SET \"order\" = 'bad' WHERE id = 1"));
        Assert.Equal(2L, db.Scalar("SELECT count(*) FROM orders INDEXED BY ix_orders_noted WHERE \"order\" IS NOT NULL AND customer_id > 0"));
        db.AssertIntegrity();
    }

    [Fact]
    public async Task Making_a_column_not_null_over_null_rows_fails_and_changes_nothing()
    {
        await using var db = await SeededAsync();
        var before = db.SchemaDump();
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            Run(db, op => op.AlterColumn("orders", "note", nullable: false)));
        Assert.Equal("r1", e.RevisionId);
        Assert.Contains("NOT NULL constraint failed", e.Message);
        Assert.Contains("INSERT INTO", e.Statement);
        Assert.Equal(before, db.SchemaDump());
        Assert.Equal(3L, db.Scalar("SELECT count(*) FROM orders"));
        Assert.Empty(db.Query("SELECT name FROM sqlite_master WHERE name LIKE 'retort%'")); // a failed first run keeps no Retort table
        db.AssertIntegrity();
    }

    [Fact]
    public async Task A_foreign_key_that_existing_rows_violate_is_refused()
    {
        await using var db = await SeededAsync();
        db.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, order_id INTEGER); INSERT INTO notes VALUES (1, 999);");
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            Run(db, op => op.CreateForeignKey("fk_notes_order", "notes", "orders", ["order_id"], ["id"])));
        Assert.Contains("Foreign key violations", e.Message);
        Assert.Empty((await db.Database.ReflectTableAsync("notes"))!.ForeignKeys);
    }

    [Fact]
    public async Task Rename_and_type_change_of_the_same_column_in_one_revision()
    {
        await using var db = await SeededAsync();
        await Run(db, op =>
        {
            op.AlterColumn("orders", "qty", newColumnName: "quantity");
            op.AlterColumn("orders", "quantity", type: SqlType.BigInteger);
        });
        Assert.Equal([10L, 20L, 7L], db.Query("SELECT quantity FROM orders ORDER BY id").Select(r => r[0]));
        // The view referenced the old name; SQLite's rename keeps it working.
        db.AssertIntegrity();
    }

    [Fact]
    public async Task Strict_and_without_rowid_options_survive_a_rebuild()
    {
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER, w TEXT) STRICT, WITHOUT ROWID; INSERT INTO kv VALUES ('a', 1, 'x');");
        await Run(db, op =>
        {
            op.AlterColumn("kv", "v", nullable: false);
            op.AddColumn("kv", new Column("label", SqlType.String(20), nullable: false, serverDefault: ServerDefault.Literal("none")));
        });
        var sql = (string)db.Scalar("SELECT sql FROM sqlite_master WHERE name = 'kv'")!;
        Assert.Contains("STRICT", sql);
        Assert.Contains("WITHOUT ROWID", sql);
        Assert.Contains("\"label\" TEXT NOT NULL DEFAULT 'none'", sql); // a STRICT table takes only its storage types
        Assert.Equal(1L, db.Scalar("SELECT v FROM kv"));
    }

}
