using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Sql;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.SafeRecipes;

/// <summary>
/// The exact SQL of the safe recipes in offline scripts: each step with its transaction boundaries, the plain SQL for
/// a table created earlier in the same plan and for an operation that opts out, and the reverse of each recipe.
/// </summary>
public sealed class SafeRecipeRenderingTests
{
    private static readonly Retort.Connections.Database Offline = new PostgreSqlDatabaseFactory().OpenOffline();

    private static void Setup(Op op)
    {
        op.CreateTable("parent", new Column("id", SqlType.Integer, primaryKey: true));
        op.CreateTable("child", new Column("id", SqlType.Integer, primaryKey: true), new Column("parent_id", SqlType.Integer), new Column("email", SqlType.Text));
    }

    // Every recipe'd operation, on the table "child" (or a table of that shape the case creates first).
    private static void Operations(Op op, bool? online)
    {
        op.CreateIndex("ix_child_email", "child", ["email"], online: online);
        op.CreateForeignKey("fk_child_parent", "child", "parent", ["parent_id"], ["id"], online: online);
        op.CreateCheckConstraint("ck_child_email", "child", "email <> ''", online);
        op.AlterColumn("child", "email", nullable: false, existingNullable: true, online: online);
        op.CreateUniqueConstraint("uq_child_email", "child", ["email"], online);
        op.DropIndex("ix_child_email", "child", online: online);
    }

    private const string Plain = """
        CREATE INDEX "ix_child_email" ON "child" ("email");

        ALTER TABLE "child" ADD CONSTRAINT "fk_child_parent" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id");

        ALTER TABLE "child" ADD CONSTRAINT "ck_child_email" CHECK (email <> '');

        ALTER TABLE "child" ALTER COLUMN "email" SET NOT NULL;

        ALTER TABLE "child" ADD CONSTRAINT "uq_child_email" UNIQUE ("email");

        DROP INDEX "ix_child_email";
        """;

    [Fact]
    public async Task On_a_table_that_exists_before_the_revision_every_step_shows_with_its_transaction()
    {
        var sql = await SqlRendering.RenderAsync(Offline, Setup, op =>
        {
            op.AddColumn("child", new Column("note", SqlType.Text));
            Operations(op, online: null);
            op.DropColumn("child", "note");
        });
        Assert.Equal("""
            BEGIN;

            ALTER TABLE "child" ADD COLUMN "note" text;

            -- the next statement cannot run inside a transaction
            COMMIT;

            CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix_child_email" ON "child" ("email");

            BEGIN;

            -- In a transaction of its own: add fk constraint fk_child_parent on child: add it NOT VALID

            ALTER TABLE "child" ADD CONSTRAINT "fk_child_parent" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: add fk constraint fk_child_parent on child: validate it

            ALTER TABLE "child" VALIDATE CONSTRAINT "fk_child_parent";

            COMMIT;

            BEGIN;

            -- In a transaction of its own: add ck constraint ck_child_email on child: add it NOT VALID

            ALTER TABLE "child" ADD CONSTRAINT "ck_child_email" CHECK (email <> '') NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: add ck constraint ck_child_email on child: validate it

            ALTER TABLE "child" VALIDATE CONSTRAINT "ck_child_email";

            COMMIT;

            BEGIN;

            -- In a transaction of its own: alter column child.email: not null: add CHECK (email IS NOT NULL) NOT VALID

            ALTER TABLE "child" ADD CONSTRAINT "child_email_not_null" CHECK ("email" IS NOT NULL) NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: alter column child.email: not null: validate the check

            ALTER TABLE "child" VALIDATE CONSTRAINT "child_email_not_null";

            COMMIT;

            BEGIN;

            ALTER TABLE "child" ALTER COLUMN "email" SET NOT NULL;

            ALTER TABLE "child" DROP CONSTRAINT "child_email_not_null";

            -- the next statement cannot run inside a transaction
            COMMIT;

            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "uq_child_email" ON "child" ("email");

            BEGIN;

            -- In a transaction of its own: add uq constraint uq_child_email on child: add it using the index

            ALTER TABLE "child" ADD CONSTRAINT "uq_child_email" UNIQUE USING INDEX "uq_child_email";

            -- the next statement cannot run inside a transaction
            COMMIT;

            DROP INDEX CONCURRENTLY IF EXISTS "ix_child_email";

            BEGIN;

            ALTER TABLE "child" DROP COLUMN "note";

            COMMIT;
            """, sql);
    }

    [Fact]
    public async Task A_table_created_earlier_in_the_same_plan_gets_the_plain_sql_in_one_transaction()
    {
        var sql = await SqlRendering.RenderAsync(Offline, op => op.CreateTable("parent", new Column("id", SqlType.Integer, primaryKey: true)), op =>
        {
            op.CreateTable("child", new Column("id", SqlType.Integer, primaryKey: true), new Column("parent_id", SqlType.Integer), new Column("email", SqlType.Text));
            Operations(op, online: null);
        });
        Assert.Equal("BEGIN;\n\n" + """
            CREATE TABLE "child" (
                "id" integer NOT NULL,
                "parent_id" integer,
                "email" text,
                CONSTRAINT "pk_child" PRIMARY KEY ("id")
            );
            """ + "\n\n" + Plain + "\n\nCOMMIT;", sql);
    }

    [Fact]
    public async Task A_table_the_plan_drops_afterwards_gets_the_plain_sql_in_one_transaction()
    {
        // A downgrade that drops an index and then its table: the drop locks the table anyway, so no recipe.
        var sql = await SqlRendering.RenderAsync(Offline, Setup, op =>
        {
            op.CreateIndex("ix_child_email", "child", ["email"]);
            op.DropIndex("ix_child_email", "child");
            op.DropTable("child");
        });
        Assert.Equal("BEGIN;\n\n" + """
            CREATE INDEX "ix_child_email" ON "child" ("email");

            DROP INDEX "ix_child_email";

            DROP TABLE "child";
            """ + "\n\nCOMMIT;", sql);
    }

    [Fact]
    public async Task Online_false_gives_the_plain_sql_on_an_existing_table()
    {
        var sql = await SqlRendering.RenderAsync(Offline, Setup, op => Operations(op, online: false));
        Assert.Equal("BEGIN;\n\n" + Plain + "\n\nCOMMIT;", sql);
    }

    [Fact]
    public async Task The_downgrade_of_a_recipe_is_a_plain_drop_and_a_concurrent_index_drop()
    {
        var revisions = new RevisionSet([
            new Revision(RevisionInfo.Create("setup", null, "setup"), new InlineScript(Setup, _ => { })),
            new Revision(RevisionInfo.Create("case", "setup", "case"), new InlineScript(op =>
            {
                op.CreateIndex("ix_child_email", "child", ["email"]);
                op.CreateForeignKey("fk_child_parent", "child", "parent", ["parent_id"], ["id"]);
                op.CreateUniqueConstraint("uq_child_email", "child", "email");
            }, op =>
            {
                op.DropConstraint("uq_child_email", "child");
                op.DropConstraint("fk_child_parent", "child");
                op.DropIndex("ix_child_email", "child");
            })),
        ]);
        var script = new StringWriter();
        await new Migrator(Offline, revisions).WriteScriptAsync(script, up: false, "case:setup");
        var text = script.ToString().ReplaceLineEndings("\n");
        Assert.Contains("""
            BEGIN;

            -- Running downgrade case: case

            ALTER TABLE "child" DROP CONSTRAINT "uq_child_email";

            ALTER TABLE "child" DROP CONSTRAINT "fk_child_parent";

            -- the next statement cannot run inside a transaction
            COMMIT;

            DROP INDEX CONCURRENTLY IF EXISTS "ix_child_email";

            BEGIN;
            """, text);
    }
}
