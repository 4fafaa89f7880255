using Retort.Sqlite.Tests.Support;
using Retort.Specification.Sql;

namespace Retort.Sqlite.Tests;

/// <summary>The exact SQL of every operation on SQLite, offline: native statements where SQLite has them, the table rebuild where it has not, nothing for enum types (SQLite has none) and a refusal for schemas.</summary>
public sealed class SqliteSqlRenderingTests : SqlRenderingSpecification<SqliteDatabaseFactory>
{
    protected override string Expected(string name) => name switch
    {
        "create table" => """
            BEGIN IMMEDIATE;

            CREATE TABLE "orders" (
                "id" BIGINT NOT NULL,
                "t_id" INTEGER NOT NULL,
                "code" VARCHAR(20) /* external code */,
                "amount" NUMERIC(10, 2) DEFAULT 0,
                "flag" BOOLEAN NOT NULL DEFAULT 0,
                "created" DATETIME DEFAULT (CURRENT_TIMESTAMP),
                CONSTRAINT "pk_orders" PRIMARY KEY ("id"),
                CONSTRAINT "fk_orders_t_id_t" FOREIGN KEY ("t_id") REFERENCES "t" ("id"),
                CONSTRAINT "uq_orders_code" UNIQUE ("code"),
                CONSTRAINT "ck_orders_positive" CHECK (amount >= 0)
            );

            CREATE INDEX "ix_orders_t_id_created" ON "orders" ("t_id", "created") WHERE amount > 0;

            COMMIT;
            """,
        "drop table" => """
            BEGIN IMMEDIATE;

            DROP TABLE "u";

            COMMIT;
            """,
        "rename table" => """
            BEGIN IMMEDIATE;

            ALTER TABLE "u" RENAME TO "users";

            COMMIT;
            """,
        "add column" => """
            BEGIN IMMEDIATE;

            ALTER TABLE "t" ADD COLUMN "c" VARCHAR(5) NOT NULL DEFAULT 'x' /* note */;

            COMMIT;
            """,
        "drop column" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            ALTER TABLE "t" DROP COLUMN "a";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "rename column" => """
            BEGIN IMMEDIATE;

            ALTER TABLE "t" RENAME COLUMN "a" TO "title";

            COMMIT;
            """,
        "change column type" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" VARCHAR(40),
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", CAST("a" AS TEXT), "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "change nullability and default" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT NOT NULL DEFAULT 'none',
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "set column comment" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT /* the a */,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "create index" => """
            BEGIN IMMEDIATE;

            CREATE UNIQUE INDEX "ix_t_a" ON "t" ("a", "b") WHERE b IS NOT NULL;

            COMMIT;
            """,
        "create index concurrently" => """
            BEGIN IMMEDIATE;

            CREATE INDEX "ix_t_a" ON "t" ("a");

            COMMIT;
            """,
        "drop index" => """
            BEGIN IMMEDIATE;

            DROP INDEX "ix_t_b";

            COMMIT;
            """,
        "drop index concurrently" => """
            BEGIN IMMEDIATE;

            DROP INDEX "ix_t_b";

            COMMIT;
            """,
        "add foreign key" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_u" /* users */ (
                "id" INTEGER NOT NULL,
                "t_id" INTEGER,
                CONSTRAINT "pk_u" PRIMARY KEY ("id"),
                CONSTRAINT "fk_u_t" FOREIGN KEY ("t_id") REFERENCES "t" ("id") ON DELETE CASCADE
            );

            INSERT INTO "_retort_new_u" ("id", "t_id") SELECT "id", "t_id" FROM "u";

            DROP TABLE "u";

            ALTER TABLE "_retort_new_u" RENAME TO "u";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "add unique constraint" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0),
                CONSTRAINT "uq_t_a" UNIQUE ("a")
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "add check constraint" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0),
                CONSTRAINT "ck_t_b" CHECK (b < 100)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "add primary key" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_p" (
                "x" INTEGER NOT NULL,
                "y" INTEGER NOT NULL,
                CONSTRAINT "pk_p" PRIMARY KEY ("x", "y")
            );

            INSERT INTO "_retort_new_p" ("x", "y") SELECT "x", "y" FROM "p";

            DROP TABLE "p";

            ALTER TABLE "_retort_new_p" RENAME TO "p";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "drop constraint" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id")
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "set table comment" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" /* it's t */ (
                "id" INTEGER NOT NULL,
                "a" TEXT,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "drop table comment" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_u" (
                "id" INTEGER NOT NULL,
                "t_id" INTEGER,
                CONSTRAINT "pk_u" PRIMARY KEY ("id")
            );

            INSERT INTO "_retort_new_u" ("id", "t_id") SELECT "id", "t_id" FROM "u";

            DROP TABLE "u";

            ALTER TABLE "_retort_new_u" RENAME TO "u";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "create schema" => """
            refused: Revision case failed during upgrade and was rolled back; the database is as it was before this revision. Reason: SQLite has no schemas, so schema 'app' cannot be created; a SQLite "schema" is an attached database file.
            """,
        "drop schema" => """
            refused: Revision case failed during upgrade and was rolled back; the database is as it was before this revision. Reason: SQLite has no schemas, so schema 'app' cannot be dropped; a SQLite "schema" is an attached database file.
            """,
        "create enum type" => """
            BEGIN IMMEDIATE;

            COMMIT;
            """,
        "add enum value" => """
            BEGIN IMMEDIATE;

            COMMIT;
            """,
        "drop enum type" => """
            BEGIN IMMEDIATE;

            COMMIT;
            """,
        "execute with parameters" => """
            BEGIN IMMEDIATE;

            UPDATE t SET a = 'it''s' WHERE id = 1;

            COMMIT;
            """,
        "execute outside the transaction" => """
            BEGIN IMMEDIATE;

            UPDATE t SET b = 0;

            -- the next statement cannot run inside a transaction
            COMMIT;

            VACUUM;

            BEGIN IMMEDIATE;

            COMMIT;
            """,
        "bulk insert" => """
            BEGIN IMMEDIATE;

            INSERT INTO "t" ("id", "a", "b") VALUES (1, 'O''Brien', 2), (2, NULL, NULL);

            COMMIT;
            """,
        "backfill" => """
            BEGIN IMMEDIATE;

            -- Backfill, rendered as one UPDATE over the whole table. Run online, Retort updates in short
            -- batches by primary key with a checkpoint per batch; this statement locks every row it changes until COMMIT.

            UPDATE "t" SET b = length(a) WHERE b IS NULL;

            COMMIT;
            """,
        "transform" => "refused: Revision case cannot be rendered as SQL: it runs the C# step 'transform t into u (t -> u)', which needs a live database connection. Run this revision online, or render the script only up to the revision before it.",
        "code step" => "refused: Revision case cannot be rendered as SQL: it runs the C# step 'count rows', which needs a live database connection. Run this revision online, or render the script only up to the revision before it.",
        "online rename column" => """
            BEGIN IMMEDIATE;

            ALTER TABLE "t" RENAME COLUMN "a" TO "title";

            COMMIT;
            """,
        "online rename table" => """
            BEGIN IMMEDIATE;

            ALTER TABLE "u" RENAME TO "users";

            COMMIT;
            """,
        "online change column type" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT,
                "b" BIGINT,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", CAST("b" AS INTEGER) FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "online change column type with up" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            UPDATE "t" SET "a" = (length(a));

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" INTEGER,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", CAST("a" AS INTEGER), "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "online set not null" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            UPDATE "t" SET "a" = 'none' WHERE "a" IS NULL;

            CREATE TABLE "_retort_new_t" (
                "id" INTEGER NOT NULL,
                "a" TEXT NOT NULL,
                "b" INTEGER,
                CONSTRAINT "pk_t" PRIMARY KEY ("id"),
                CONSTRAINT "ck_t_nonneg" CHECK (b >= 0)
            );

            INSERT INTO "_retort_new_t" ("id", "a", "b") SELECT "id", "a", "b" FROM "t";

            DROP TABLE "t";

            ALTER TABLE "_retort_new_t" RENAME TO "t";

            CREATE INDEX "ix_t_b" ON "t" ("b");

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "online drop column" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            ALTER TABLE "t" DROP COLUMN "a";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "online split column" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            ALTER TABLE "t" ADD COLUMN "a1" TEXT;

            ALTER TABLE "t" ADD COLUMN "a2" TEXT;

            UPDATE "t" SET "a1" = substr(a, 1, 1), "a2" = substr(a, 2);

            ALTER TABLE "t" DROP COLUMN "a";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        "online merge columns" => """
            PRAGMA foreign_keys = OFF;

            BEGIN IMMEDIATE;

            ALTER TABLE "p" ADD COLUMN "xy" TEXT;

            UPDATE "p" SET "xy" = x || ',' || y;

            ALTER TABLE "p" DROP COLUMN "x";

            ALTER TABLE "p" DROP COLUMN "y";

            PRAGMA foreign_key_check;

            COMMIT;

            PRAGMA foreign_keys = ON;
            """,
        _ => throw new ArgumentException($"No SQL is expected for the case '{name}' on this dialect: add it.", nameof(name)),
    };
}
