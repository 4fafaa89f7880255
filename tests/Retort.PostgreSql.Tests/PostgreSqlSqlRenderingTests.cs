using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Sql;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// The exact SQL of every operation on PostgreSQL, offline: native ALTER TABLE, comments, enum types, the concurrent index
/// steps outside the transaction, and the safe recipes of operations on the tables the setup revision made (which exist
/// before the case's revision).
/// </summary>
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

            -- In a transaction of its own: alter column t.a: not null, default Value(none): add CHECK (a IS NOT NULL) NOT VALID

            ALTER TABLE "t" ADD CONSTRAINT "t_a_not_null" CHECK ("a" IS NOT NULL) NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: alter column t.a: not null, default Value(none): validate the check

            ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_not_null";

            COMMIT;

            BEGIN;

            ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL, ALTER COLUMN "a" SET DEFAULT 'none';

            ALTER TABLE "t" DROP CONSTRAINT "t_a_not_null";

            COMMIT;
            """,
        "set column comment" => """
            BEGIN;

            COMMENT ON COLUMN "t"."a" IS 'the a';

            COMMIT;
            """,
        "create index" => """
            BEGIN;

            -- the next statement cannot run inside a transaction
            COMMIT;

            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "ix_t_a" ON "t" ("a", "b") WHERE b IS NOT NULL;

            BEGIN;

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

            -- the next statement cannot run inside a transaction
            COMMIT;

            DROP INDEX CONCURRENTLY IF EXISTS "ix_t_b";

            BEGIN;

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

            -- In a transaction of its own: add fk constraint fk_u_t on u: add it NOT VALID

            ALTER TABLE "u" ADD CONSTRAINT "fk_u_t" FOREIGN KEY ("t_id") REFERENCES "t" ("id") ON DELETE CASCADE NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: add fk constraint fk_u_t on u: validate it

            ALTER TABLE "u" VALIDATE CONSTRAINT "fk_u_t";

            COMMIT;

            BEGIN;

            COMMIT;
            """,
        "add unique constraint" => """
            BEGIN;

            -- the next statement cannot run inside a transaction
            COMMIT;

            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "uq_t_a" ON "t" ("a");

            BEGIN;

            -- In a transaction of its own: add uq constraint uq_t_a on t: add it using the index

            ALTER TABLE "t" ADD CONSTRAINT "uq_t_a" UNIQUE USING INDEX "uq_t_a";

            COMMIT;

            BEGIN;

            COMMIT;
            """,
        "add check constraint" => """
            BEGIN;

            -- In a transaction of its own: add ck constraint ck_t_b on t: add it NOT VALID

            ALTER TABLE "t" ADD CONSTRAINT "ck_t_b" CHECK (b < 100) NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: add ck constraint ck_t_b on t: validate it

            ALTER TABLE "t" VALIDATE CONSTRAINT "ck_t_b";

            COMMIT;

            BEGIN;

            COMMIT;
            """,
        "add primary key" => """
            BEGIN;

            -- the next statement cannot run inside a transaction
            COMMIT;

            CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "pk_p" ON "p" ("x", "y");

            BEGIN;

            -- In a transaction of its own: add pk constraint pk_p on p: add it using the index

            ALTER TABLE "p" ADD CONSTRAINT "pk_p" PRIMARY KEY USING INDEX "pk_p";

            COMMIT;

            BEGIN;

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
        "online rename column" => """
            BEGIN;

            ALTER TABLE "t" RENAME COLUMN "a" TO "title";

            COMMIT;
            """,
        "online rename table" => """
            BEGIN;

            ALTER TABLE "u" RENAME TO "users";

            COMMIT;
            """,
        "online change column type" => """
            BEGIN;

            ALTER TABLE "t" ALTER COLUMN "b" TYPE bigint;

            COMMIT;
            """,
        "online change column type with up" => """
            BEGIN;

            ALTER TABLE "t" ALTER COLUMN "a" TYPE integer USING length(a);

            COMMIT;
            """,
        "online set not null" => """
            BEGIN;

            UPDATE "t" SET "a" = 'none' WHERE "a" IS NULL;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: alter column t.a: not null: add CHECK (a IS NOT NULL) NOT VALID

            ALTER TABLE "t" ADD CONSTRAINT "t_a_not_null" CHECK ("a" IS NOT NULL) NOT VALID;

            COMMIT;

            BEGIN;

            -- In a transaction of its own: alter column t.a: not null: validate the check

            ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_not_null";

            COMMIT;

            BEGIN;

            ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;

            ALTER TABLE "t" DROP CONSTRAINT "t_a_not_null";

            COMMIT;
            """,
        "online drop column" => """
            BEGIN;

            ALTER TABLE "t" DROP COLUMN "a";

            COMMIT;
            """,
        "online split column" => """
            BEGIN;

            ALTER TABLE "t" ADD COLUMN "a1" text;

            ALTER TABLE "t" ADD COLUMN "a2" text;

            UPDATE "t" SET "a1" = substr(a, 1, 1), "a2" = substr(a, 2);

            ALTER TABLE "t" DROP COLUMN "a";

            COMMIT;
            """,
        "online merge columns" => """
            BEGIN;

            ALTER TABLE "p" ADD COLUMN "xy" text;

            UPDATE "p" SET "xy" = x || ',' || y;

            ALTER TABLE "p" DROP COLUMN "x";

            ALTER TABLE "p" DROP COLUMN "y";

            COMMIT;
            """,
        _ => throw new ArgumentException($"No SQL is expected for the case '{name}' on this dialect: add it.", nameof(name)),
    };
}
