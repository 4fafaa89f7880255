using Retort.Connections;
using Retort.Migrations;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Operations;

/// <summary>
/// Every operation on tables that hold rows, upgraded and downgraded through the runner: rows survive, values
/// convert, and the schema is what the operation says. Written once; each dialect's test project derives from it.
/// </summary>
public abstract class OperationSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static MetaData Shop()
    {
        var m = new MetaData();
        _ = new Table("customers", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("name", SqlType.String(50), nullable: false),
            new Column("tier", SqlType.String(10)));
        _ = new Table("orders", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("customer_id", SqlType.Integer, nullable: false, references: "customers.id"),
            new Column("qty", SqlType.String(10)),
            new Column("note", SqlType.Text));
        return m;
    }

    private async Task<TestDatabase> ShopAsync()
    {
        var db = await CreateDatabaseAsync();
        await Shop().CreateAllAsync(db.Database);
        await db.ExecAsync("INSERT INTO customers (id, name, tier) VALUES (1, 'ann', 'gold'), (2, 'bob', NULL)");
        await db.ExecAsync("INSERT INTO orders (id, customer_id, qty, note) VALUES (10, 1, '3', 'first'), (11, 2, '5', NULL), (12, 1, '8', 'third')");
        return db;
    }

    private static async Task<Migrator> UpAsync(TestDatabase db, Action<Op> upgrade, Action<Op>? downgrade = null)
    {
        var migrator = new Migrator(db.Database, InlineScript.Single(upgrade, downgrade));
        await migrator.UpgradeAsync();
        return migrator;
    }

    private static Task<Table?> TableAsync(TestDatabase db, string name) => db.Database.ReflectTableAsync(name);

    [SpecFact]
    public async Task Create_and_drop_table()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op => op.CreateTable("tags", new Column("id", SqlType.Integer, primaryKey: true), new Column("label", SqlType.String(20), unique: true)));
        await db.ExecAsync("INSERT INTO tags (id, label) VALUES (1, 'x')");
        Assert.Equal("uq_tags_label", Assert.Single((await TableAsync(db, "tags"))!.UniqueConstraints).Name);
        await m.DowngradeAsync("base");
        Assert.Null(await TableAsync(db, "tags"));
        Assert.Equal(3, await db.CountAsync("orders"));
    }

    [SpecFact]
    public async Task Rename_table_keeps_rows()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op => op.RenameTable("orders", "purchases"));
        Assert.Equal(3, await db.CountAsync("purchases"));
        Assert.Null(await TableAsync(db, "orders"));
        await m.DowngradeAsync("base");
        Assert.Equal(3, await db.CountAsync("orders"));
        await db.AssertConsistentAsync();
    }

    [SpecFact]
    public async Task Add_column_with_default_fills_existing_rows()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op => op.AddColumn("orders", new Column("status", SqlType.String(10), nullable: false, serverDefault: ServerDefault.Literal("new"))));
        Assert.Equal(["10|new", "11|new", "12|new"], await db.RowsAsync("SELECT id, status FROM orders ORDER BY id"));
        await m.DowngradeAsync("base");
        Assert.Null((await TableAsync(db, "orders"))!.FindColumn("status"));
        Assert.Equal(3, await db.CountAsync("orders"));
    }

    [SpecFact]
    public async Task Drop_column_keeps_other_data()
    {
        await using var db = await ShopAsync();
        var existing = new Column("note", SqlType.Text);
        var m = await UpAsync(db, op => op.DropColumn("orders", "note", existing));
        Assert.Null((await TableAsync(db, "orders"))!.FindColumn("note"));
        Assert.Equal(["10|3", "11|5", "12|8"], await db.RowsAsync("SELECT id, qty FROM orders ORDER BY id"));
        await m.DowngradeAsync("base");
        Assert.Equal(existing, (await TableAsync(db, "orders"))!.GetColumn("note"));
        await db.AssertConsistentAsync();
    }

    [SpecFact]
    public async Task Rename_column_keeps_data()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op => op.AlterColumn("customers", "name", newColumnName: "full_name"));
        Assert.Equal(["ann", "bob"], await db.RowsAsync("SELECT full_name FROM customers ORDER BY id"));
        await m.DowngradeAsync("base");
        Assert.Equal(["ann", "bob"], await db.RowsAsync("SELECT name FROM customers ORDER BY id"));
    }

    [SpecFact]
    public async Task Type_change_converts_values()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op => op.AlterColumn("orders", "qty", type: SqlType.Integer, existingType: SqlType.String(10), usingExpression: "qty::integer"));
        Assert.Equal(SqlType.Integer, (await TableAsync(db, "orders"))!.GetColumn("qty").Type);
        Assert.Equal(16L, Convert.ToInt64(await db.ScalarAsync("SELECT sum(qty) FROM orders")));
        await m.DowngradeAsync("base");
        Assert.Equal(SqlType.String(10), (await TableAsync(db, "orders"))!.GetColumn("qty").Type);
        Assert.Equal(["3", "5", "8"], await db.RowsAsync("SELECT qty FROM orders ORDER BY id"));
        await db.AssertConsistentAsync();
    }

    [SpecFact]
    public async Task Nullability_and_default_changes()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op =>
        {
            op.AlterColumn("customers", "tier", serverDefault: ServerDefault.Literal("basic"));
            op.Execute("UPDATE customers SET tier = 'basic' WHERE tier IS NULL");
            op.AlterColumn("customers", "tier", nullable: false, existingNullable: true);
        }, op =>
        {
            op.AlterColumn("customers", "tier", nullable: true);
            op.AlterColumn("customers", "tier", dropServerDefault: true);
        });
        var tier = (await TableAsync(db, "customers"))!.GetColumn("tier");
        Assert.False(tier.Nullable);
        Assert.Equal(ServerDefault.Literal("basic"), tier.Default);
        await db.ExecAsync("INSERT INTO customers (id, name) VALUES (3, 'cy')");
        Assert.Equal(["gold", "basic", "basic"], await db.RowsAsync("SELECT tier FROM customers ORDER BY id"));
        await m.DowngradeAsync("base");
        tier = (await TableAsync(db, "customers"))!.GetColumn("tier");
        Assert.True(tier.Nullable);
        Assert.Null(tier.Default);
        Assert.Equal(3, await db.CountAsync("customers"));
    }

    [SpecFact]
    public async Task Making_a_column_not_null_over_nulls_fails_and_changes_nothing()
    {
        await using var db = await ShopAsync();
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.AlterColumn("orders", "note", nullable: false)));
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync());
        Assert.Equal("r1", e.RevisionId);
        Assert.True((await TableAsync(db, "orders"))!.GetColumn("note").Nullable);
        Assert.Empty(await migrator.GetCurrentAsync());
        Assert.Equal(3, await db.CountAsync("orders"));
    }

    [SpecFact]
    public async Task Create_and_drop_indexes_unique_and_partial()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op =>
        {
            op.CreateIndex("ix_orders_customer_qty", "orders", ["customer_id", "qty"]);
            op.CreateIndex("ix_orders_note", "orders", ["note"], unique: true, where: "note IS NOT NULL");
        });
        var t = (await TableAsync(db, "orders"))!;
        Assert.Equal(["customer_id", "qty"], t.Indexes.Single(i => i.Name == "ix_orders_customer_qty").Columns);
        var partial = t.Indexes.Single(i => i.Name == "ix_orders_note");
        Assert.True(partial.Unique);
        Assert.NotNull(partial.Where);
        await db.ExecAsync("INSERT INTO orders (id, customer_id, qty, note) VALUES (13, 2, '1', NULL)");
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO orders (id, customer_id, qty, note) VALUES (14, 2, '1', 'first')"));
        await m.DowngradeAsync("base");
        Assert.Empty((await TableAsync(db, "orders"))!.Indexes);
    }

    [SpecFact]
    public async Task Foreign_key_unique_and_check_constraints_can_be_added_and_dropped()
    {
        await using var db = await ShopAsync();
        await db.ExecAsync("CREATE TABLE reviews (id INTEGER PRIMARY KEY, order_id INTEGER, stars INTEGER)");
        await db.ExecAsync("INSERT INTO reviews (id, order_id, stars) VALUES (1, 10, 5), (2, 12, 3)");
        var m = await UpAsync(db, op =>
        {
            op.CreateForeignKey("fk_reviews_order", "reviews", "orders", ["order_id"], ["id"], onDelete: ReferentialAction.Cascade);
            op.CreateUniqueConstraint("uq_reviews_order", "reviews", "order_id");
            op.CreateCheckConstraint("ck_reviews_stars", "reviews", "stars BETWEEN 1 AND 5");
        }, op =>
        {
            op.DropConstraint("ck_reviews_stars", "reviews");
            op.DropConstraint("uq_reviews_order", "reviews");
            op.DropConstraint("fk_reviews_order", "reviews");
        });
        var t = (await TableAsync(db, "reviews"))!;
        Assert.Equal(ReferentialAction.Cascade, Assert.Single(t.ForeignKeys).OnDelete);
        Assert.Equal("uq_reviews_order", Assert.Single(t.UniqueConstraints).Name);
        Assert.Contains(t.CheckConstraints, c => c.Name == "ck_reviews_stars");
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO reviews (id, order_id, stars) VALUES (3, 11, 9)"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO reviews (id, order_id, stars) VALUES (3, 99, 1)"));
        await db.ExecAsync("DELETE FROM orders WHERE id = 10");
        Assert.Equal(1, await db.CountAsync("reviews"));
        await m.DowngradeAsync("base");
        t = (await TableAsync(db, "reviews"))!;
        Assert.Empty(t.ForeignKeys);
        Assert.Empty(t.UniqueConstraints);
        Assert.Empty(t.CheckConstraints);
        await db.ExecAsync("INSERT INTO reviews (id, order_id, stars) VALUES (3, 99, 9)");
        await db.AssertConsistentAsync();
    }

    [SpecFact]
    public async Task Primary_key_can_be_dropped_and_added()
    {
        await using var db = await ShopAsync();
        await db.ExecAsync("CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL)");
        await db.ExecAsync("INSERT INTO pairs (a, b) VALUES (1, 1), (1, 2)");
        var m = await UpAsync(db, op => op.CreatePrimaryKey("pk_pairs", "pairs", "a", "b"));
        Assert.Equal(["a", "b"], (await TableAsync(db, "pairs"))!.PrimaryKey!.Columns);
        await Assert.ThrowsAnyAsync<Exception>(() => db.ExecAsync("INSERT INTO pairs (a, b) VALUES (1, 2)"));
        await m.DowngradeAsync("base");
        Assert.Null((await TableAsync(db, "pairs"))!.PrimaryKey);
        Assert.Equal(2, await db.CountAsync("pairs"));
    }

    [SpecFact]
    public async Task Column_comment_is_set_and_removed()
    {
        await using var db = await ShopAsync();
        var m = await UpAsync(db, op => op.AlterColumn("customers", "tier", comment: "loyalty tier", existingComment: null), op => op.AlterColumn("customers", "tier", dropComment: true));
        Assert.Equal("loyalty tier", (await TableAsync(db, "customers"))!.GetColumn("tier").Comment);
        await m.DowngradeAsync("base");
        Assert.Null((await TableAsync(db, "customers"))!.GetColumn("tier").Comment);
        Assert.Equal(2, await db.CountAsync("customers"));
    }

    [SpecFact]
    public async Task Execute_with_parameters_bulk_insert_and_code_steps()
    {
        await using var db = await ShopAsync();
        await UpAsync(db, op =>
        {
            op.BulkInsert("customers", [new { id = 3, name = "O'Hara", tier = (string?)null }, new { id = 4, name = "dee", tier = (string?)"gold" }]);
            op.Execute("UPDATE customers SET tier = @tier WHERE tier IS NULL", new { tier = "basic" });
            op.Run("count gold customers", async (ctx, ct) =>
            {
                var gold = Convert.ToInt64(await ctx.ScalarAsync("SELECT count(*) FROM customers WHERE tier = @t", new { t = "gold" }, ct));
                await ctx.ExecuteAsync("UPDATE customers SET name = name || @suffix WHERE id = 1", new { suffix = "#" + gold }, ct);
            });
        }, _ => { });
        Assert.Equal(["1|ann#2|gold", "2|bob|basic", "3|O'Hara|basic", "4|dee|gold"], await db.RowsAsync("SELECT id, name, tier FROM customers ORDER BY id"));
    }
}
