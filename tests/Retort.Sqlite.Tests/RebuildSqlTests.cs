using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Sqlite.Tests;

/// <summary>Exact SQL of the table rebuild, compiled against a known schema (as offline mode does).</summary>
public class RebuildSqlTests
{
    private static readonly SqliteDialect Dialect = new();

    private static async Task<string> CompileAsync(Table table, params MigrationOperation[] ops) =>
        string.Join(";\n", await DialectAccess.CompileAsync(Dialect, [table], ops));

    private static readonly Table Items = new("items",
        new Column("id", SqlType.Integer, primaryKey: true),
        new Column("name", SqlType.String(20)),
        new Column("price", SqlType.Text),
        new TableIndex(null, "name"));

    [Fact]
    public async Task A_rename_runs_first_with_sqlite_rename_column_then_type_and_nullability_are_one_rebuild()
    {
        var sql = await CompileAsync(Items,
            new AlterColumnOperation("items", "price") { NewType = SqlType.Numeric(8, 2), NewNullable = false },
            new AlterColumnOperation("items", "name") { NewName = "title" });
        Assert.Equal("""
            ALTER TABLE "items" RENAME COLUMN "name" TO "title";
            CREATE TABLE "_retort_new_items" (
                "id" INTEGER NOT NULL,
                "title" VARCHAR(20),
                "price" NUMERIC(8, 2) NOT NULL,
                CONSTRAINT "pk_items" PRIMARY KEY ("id")
            );
            INSERT INTO "_retort_new_items" ("id", "title", "price") SELECT "id", "title", CAST("price" AS NUMERIC) FROM "items";
            DROP TABLE "items";
            ALTER TABLE "_retort_new_items" RENAME TO "items";
            CREATE INDEX "ix_items_name" ON "items" ("title")
            """, sql);
    }

    [Fact]
    public async Task Native_changes_need_no_rebuild()
    {
        var sql = await CompileAsync(Items,
            new AddColumnOperation("items", new Column("stock", SqlType.Integer)),
            new AlterColumnOperation("items", "price") { NewName = "cost" },
            new DropIndexOperation("items", "ix_items_name"),
            new DropColumnOperation("items", "stock"));
        Assert.Equal("""
            ALTER TABLE "items" RENAME COLUMN "price" TO "cost";
            ALTER TABLE "items" ADD COLUMN "stock" INTEGER;
            DROP INDEX "ix_items_name";
            ALTER TABLE "items" DROP COLUMN "stock"
            """, sql);
    }

    [Fact]
    public async Task Adding_a_not_null_column_without_default_or_with_an_expression_default_rebuilds()
    {
        var sql = await CompileAsync(Items, new AddColumnOperation("items", new Column("added", SqlType.DateTime, nullable: false, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP"))));
        Assert.StartsWith("CREATE TABLE \"_retort_new_items\"", sql);
        Assert.Contains("\"added\" DATETIME NOT NULL DEFAULT (CURRENT_TIMESTAMP)", sql);
        Assert.Contains("INSERT INTO \"_retort_new_items\" (\"id\", \"name\", \"price\") SELECT \"id\", \"name\", \"price\" FROM \"items\"", sql);
    }

    [Fact]
    public async Task Constraint_changes_on_an_unknown_table_are_refused_offline()
    {
        var e = await Assert.ThrowsAsync<OfflineNotSupportedException>(() => CompileAsync(Items, new AddConstraintOperation("other", new CheckConstraint("1 = 1", "ck"))));
        Assert.Contains("'other'", e.Message);
    }

    [Fact]
    public async Task A_rename_is_not_moved_ahead_of_an_operation_that_names_its_columns()
    {
        var sql = await CompileAsync(Items,
            new DropColumnOperation("items", "price"),
            new AlterColumnOperation("items", "name") { NewName = "price", NewType = SqlType.Text });
        Assert.Equal("""
            ALTER TABLE "items" DROP COLUMN "price";
            ALTER TABLE "items" RENAME COLUMN "name" TO "price";
            CREATE TABLE "_retort_new_items" (
                "id" INTEGER NOT NULL,
                "price" TEXT,
                CONSTRAINT "pk_items" PRIMARY KEY ("id")
            );
            INSERT INTO "_retort_new_items" ("id", "price") SELECT "id", CAST("price" AS TEXT) FROM "items";
            DROP TABLE "items";
            ALTER TABLE "_retort_new_items" RENAME TO "items";
            CREATE INDEX "ix_items_name" ON "items" ("price")
            """, sql);
    }
}
