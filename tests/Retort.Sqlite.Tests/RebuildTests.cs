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
    public async Task Dropping_an_indexed_column_drops_its_index_and_keeps_rows()
    {
        await using var db = await SeededAsync();
        db.Exec("CREATE INDEX ix_orders_note ON orders (note)");
        await Run(db, op => op.DropColumn("orders", "note"));
        var t = (await db.Database.ReflectTableAsync("orders"))!;
        Assert.Null(t.FindColumn("note"));
        Assert.DoesNotContain(t.Indexes, i => i.Name == "ix_orders_note");
        Assert.Contains(t.Indexes, i => i.Name == "ix_orders_customer");
        Assert.DoesNotContain(t.CheckConstraints, c => c.Name == "ck_orders_note");
        Assert.Equal(3L, db.Scalar("SELECT count(*) FROM orders"));
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
        await Run(db, op => op.AlterColumn("kv", "v", nullable: false));
        var sql = (string)db.Scalar("SELECT sql FROM sqlite_master WHERE name = 'kv'")!;
        Assert.Contains("STRICT", sql);
        Assert.Contains("WITHOUT ROWID", sql);
        Assert.Equal(1L, db.Scalar("SELECT v FROM kv"));
    }

}
