using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Sql;

namespace Retort.PostgreSql.Tests;

/// <summary>The exact SQL of every operation on PostgreSQL, offline: native ALTER TABLE, comments, enum types, and the concurrent index steps outside the transaction.</summary>
public sealed class PostgreSqlSqlRenderingTests : SqlRenderingSpecification<PostgreSqlDatabaseFactory>
{
    protected override string Expected(string name) => name switch
    {
        "create table" => """
            BEGIN;

            CREATE TABLE "orders" (
                "id" bigint NOT NULL,
                "t_id" integer NOT NULL,
                "code" varchar(20),
                "amount" numeric(10, 2) DEFAULT 0,
                "flag" boolean NOT NULL DEFAULT false,
                "created" timestamp DEFAULT CURRENT_TIMESTAMP,
                CONSTRAINT "pk_orders" PRIMARY KEY ("id"),
                CONSTRAINT "fk_orders_t_id_t" FOREIGN KEY ("t_id") REFERENCES "t" ("id"),
                CONSTRAINT "uq_orders_code" UNIQUE ("code"),
                CONSTRAINT "ck_orders_positive" CHECK (amount >= 0)
            );

            CREATE INDEX "ix_orders_t_id_created" ON "orders" ("t_id", "created") WHERE amount > 0;

            COMMENT ON COLUMN "orders"."code" IS 'external code';

            COMMIT;
            """,
        "drop table" => """
            BEGIN;

            DROP TABLE "u";

            COMMIT;
            """,
        "rename table" => """
            BEGIN;

            ALTER TABLE "u" RENAME TO "users";

            COMMIT;
            """,
        "add column" => """
            BEGIN;

            ALTER TABLE "t" ADD COLUMN "c" varchar(5) NOT NULL DEFAULT 'x';

            COMMENT ON COLUMN "t"."c" IS 'note';

            COMMIT;
            """,
        "drop column" => """
            BEGIN;

            ALTER TABLE "t" DROP COLUMN "a";

            COMMIT;
            """,
        "rename column" => """
            BEGIN;

            ALTER TABLE "t" RENAME COLUMN "a" TO "title";

            COMMIT;
            """,
        "change column type" => """
            BEGIN;

            ALTER TABLE "t" ALTER COLUMN "a" TYPE varchar(40);

            COMMIT;
            """,
        "change nullability and default" => """
            BEGIN;

            ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL, ALTER COLUMN "a" SET DEFAULT 'none';

            COMMIT;
            """,
        "set column comment" => """
            BEGIN;

            COMMENT ON COLUMN "t"."a" IS 'the a';

            COMMIT;
            """,
        "create index" => """
            BEGIN;

            CREATE UNIQUE INDEX "ix_t_a" ON "t" ("a", "b") WHERE b IS NOT NULL;

            COMMIT;
            """,
        "create index concurrently" => """
            BEGIN;

            -- the next statement cannot run inside a transaction
            COMMIT;

            CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix_t_a" ON "t" ("a");

            BEGIN;

            COMMIT;
            """,
        "drop index" => """
            BEGIN;

            DROP INDEX "ix_t_b";

            COMMIT;
            """,
        "drop index concurrently" => """
            BEGIN;

            -- the next statement cannot run inside a transaction
            COMMIT;

            DROP INDEX CONCURRENTLY IF EXISTS "ix_t_b";

            BEGIN;

            COMMIT;
            """,
        "add foreign key" => """
            BEGIN;

            ALTER TABLE "u" ADD CONSTRAINT "fk_u_t" FOREIGN KEY ("t_id") REFERENCES "t" ("id") ON DELETE CASCADE;

            COMMIT;
            """,
        "add unique constraint" => """
            BEGIN;

            ALTER TABLE "t" ADD CONSTRAINT "uq_t_a" UNIQUE ("a");

            COMMIT;
            """,
        "add check constraint" => """
            BEGIN;

            ALTER TABLE "t" ADD CONSTRAINT "ck_t_b" CHECK (b < 100);

            COMMIT;
            """,
        "add primary key" => """
            BEGIN;

            ALTER TABLE "p" ADD CONSTRAINT "pk_p" PRIMARY KEY ("x", "y");

            COMMIT;
            """,
        "drop constraint" => """
            BEGIN;

            ALTER TABLE "t" DROP CONSTRAINT "ck_t_nonneg";

            COMMIT;
            """,
        "set table comment" => """
            BEGIN;

            COMMENT ON TABLE "t" IS 'it''s t';

            COMMIT;
            """,
        "drop table comment" => """
            BEGIN;

            COMMENT ON TABLE "u" IS NULL;

            COMMIT;
            """,
        "create schema" => """
            BEGIN;

            CREATE SCHEMA IF NOT EXISTS "app";

            COMMIT;
            """,
        "drop schema" => """
            BEGIN;

            DROP SCHEMA "app";

            COMMIT;
            """,
        "create enum type" => """
            BEGIN;

            CREATE TYPE "tier" AS ENUM ('basic', 'gold');

            COMMIT;
            """,
        "add enum value" => """
            BEGIN;

            -- the next statement cannot run inside a transaction
            COMMIT;

            ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok';

            BEGIN;

            COMMIT;
            """,
        "drop enum type" => """
            BEGIN;

            DROP TYPE "mood";

            COMMIT;
            """,
        "execute with parameters" => """
            BEGIN;

            UPDATE t SET a = 'it''s' WHERE id = 1;

            COMMIT;
            """,
        "execute outside the transaction" => """
            BEGIN;

            UPDATE t SET b = 0;

            -- the next statement cannot run inside a transaction
            COMMIT;

            VACUUM;

            BEGIN;

            COMMIT;
            """,
        "bulk insert" => """
            BEGIN;

            INSERT INTO "t" ("id", "a", "b") VALUES (1, 'O''Brien', 2), (2, NULL, NULL);

            COMMIT;
            """,
        "backfill" => """
            BEGIN;

            -- Backfill, rendered as one UPDATE over the whole table. Run online, Retort updates in short
            -- batches by primary key with a checkpoint per batch; this statement locks every row it changes until COMMIT.

            UPDATE "t" SET b = length(a) WHERE b IS NULL;

            COMMIT;
            """,
        "transform" => "refused: Revision case cannot be rendered as SQL: it runs the C# step 'transform t into u (t -> u)', which needs a live database connection. Run this revision online, or render the script only up to the revision before it.",
        "code step" => "refused: Revision case cannot be rendered as SQL: it runs the C# step 'count rows', which needs a live database connection. Run this revision online, or render the script only up to the revision before it.",
        _ => throw new ArgumentException($"No SQL is expected for the case '{name}' on this dialect: add it.", nameof(name)),
    };
}
