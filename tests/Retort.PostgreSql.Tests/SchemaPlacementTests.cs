using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// The version table in a chosen schema and the application's tables in another, through a connection whose
/// search_path points at a third: nothing may land in, or be looked up through, the search_path.
/// </summary>
public sealed class SchemaPlacementTests
{
    private static RevisionSet Revisions() => new(
    [
        new Revision(RevisionInfo.Create("s1", null, "tables"), new InlineScript(op =>
        {
            op.Add(new CreateEnumTypeOperation("tier", ValueList.Of("basic", "gold"), op.DefaultSchema));
            op.CreateTable("customer", new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.String(50), nullable: false),
                new Column("tier", new Schema.Types.CustomType("app.tier")));
            op.CreateTable("orders", new Column("id", SqlType.Integer, primaryKey: true),
                new Column("customer_id", SqlType.Integer, nullable: false, references: "customer.id"), new Column("qty", SqlType.String(10)));
            op.BulkInsert("customer", [new { id = 1, name = "ann" }]);
            op.BulkInsert("orders", [new { id = 10, customer_id = 1, qty = "3" }]);
        }, op =>
        {
            op.DropTable("orders");
            op.DropTable("customer");
            op.Add(new DropEnumTypeOperation("tier", op.DefaultSchema));
        })),
        new Revision(RevisionInfo.Create("s2", "s1", "changes"), new InlineScript(op =>
        {
            op.AddColumn("customer", new Column("email", SqlType.String(80)));
            op.AlterColumn("orders", "qty", type: SqlType.Integer, usingExpression: "qty::integer", existingType: SqlType.String(10));
            op.AlterColumn("customer", "name", newColumnName: "full_name");
            op.CreateIndex("ix_customer_email", "customer", ["email"], unique: true, where: "email IS NOT NULL");
            op.CreateIndex("ix_orders_qty", "orders", ["qty"], concurrently: true);
            op.CreateCheckConstraint("ck_orders_qty", "orders", "qty > 0");
            op.CreateUniqueConstraint("uq_customer_full_name", "customer", "full_name");
            op.RenameTable("orders", "purchase");
        })),
    ]);

    private static async Task<PgDatabase> DatabaseAsync()
    {
        var db = await PgDatabase.CreateAsync();
        await db.ExecuteAsync("CREATE SCHEMA app; CREATE SCHEMA ops; CREATE SCHEMA elsewhere");
        return db;
    }

    private static async Task<long> CountAsync(PgDatabase db, string schema) =>
        await db.ScalarAsync<long>($"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{schema}'") +
        await db.ScalarAsync<long>($"SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = '{schema}' AND t.typtype = 'e'");

    [PgFact]
    public async Task Version_table_and_tables_go_to_their_schemas_whatever_the_search_path()
    {
        await using var db = await DatabaseAsync();
        await using var database = db.Open("search_path=elsewhere");
        var options = new MigratorOptions { VersionTableSchema = "ops", DefaultSchema = "app" };
        var migrator = new Migrator(database, Revisions(), options);
        await migrator.UpgradeAsync();

        Assert.Equal(0L, await CountAsync(db, "elsewhere"));
        Assert.Equal(0L, await CountAsync(db, "public"));
        Assert.Equal("s2", await db.ScalarAsync<string>("SELECT version_num FROM ops.retort_version"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM ops.retort_history"));
        Assert.Equal("ann|3", await db.ScalarAsync<string>("SELECT c.full_name || '|' || p.qty FROM app.customer c JOIN app.purchase p ON p.customer_id = c.id"));
        Assert.Equal(["s2"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(2, (await migrator.GetHistoryAsync()).Count);
        Assert.Empty(await migrator.FindEditedRevisionsAsync());

        var tables = await database.ReflectAsync("app");
        Assert.Equal(["customer", "purchase"], tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Contains(tables.Single(t => t.Name == "purchase").Indexes, i => i.Name == "ix_orders_qty");
        Assert.Equal("customer", Assert.Single(tables.Single(t => t.Name == "purchase").ForeignKeys).ReferredTable);
        // The progress table is there too: the revision has a concurrent index step, recorded step by step.
        Assert.Equal(["retort_history", "retort_progress", "retort_version"], (await database.ReflectAsync("ops")).Select(t => t.Name).Order(StringComparer.Ordinal));

        // A second migrator on the same search_path finds the applied state in ops, so there is nothing to do.
        Assert.Empty(await new Migrator(database, Revisions(), options).UpgradeAsync());
        await migrator.DowngradeAsync("s1");
        Assert.Equal("s1", await db.ScalarAsync<string>("SELECT version_num FROM ops.retort_version"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM app.orders WHERE qty = '3'"));
        await migrator.DowngradeAsync("base");
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM ops.retort_version"));
        Assert.Equal(0L, await CountAsync(db, "app"));
        Assert.Equal(0L, await CountAsync(db, "elsewhere"));
    }

    [PgFact]
    public async Task Offline_script_with_schemas_runs_with_any_search_path()
    {
        await using var db = await DatabaseAsync();
        await using var database = db.Open("search_path=elsewhere");
        var migrator = new Migrator(database, Revisions(), new MigratorOptions { VersionTableSchema = "ops", DefaultSchema = "app" });
        var script = new StringWriter();
        await migrator.WriteScriptAsync(script, up: true, "head");
        await db.ExecuteAsync("SET search_path = elsewhere; " + script.ToString().Replace("BEGIN;", "BEGIN; SET LOCAL search_path = elsewhere;", StringComparison.Ordinal));
        Assert.Equal("s2", await db.ScalarAsync<string>("SELECT version_num FROM ops.retort_version"));
        Assert.Equal(0L, await CountAsync(db, "elsewhere"));
        Assert.Equal(0L, await CountAsync(db, "public"));
        Assert.Equal(["s2"], await migrator.GetCurrentHeadIdsAsync());
    }

    [PgFact]
    public async Task A_version_table_schema_that_does_not_exist_is_a_clear_error_and_changes_nothing()
    {
        await using var db = await DatabaseAsync();
        await using var database = db.Open();
        var migrator = new Migrator(database, Revisions(), new MigratorOptions { VersionTableSchema = "nosuch", DefaultSchema = "app" });
        var error = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());
        Assert.Contains("nosuch", error.Message);
        Assert.Equal(0L, await CountAsync(db, "app"));
    }
}
