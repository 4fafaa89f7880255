using System.Text;
using Retort.Dialects;
using Retort.Operations;
using Retort.Tests.Shared;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// What this dialect makes of every kind of operation: a declaration for every operation type (a type added without one
/// fails here), statements that match it, and the exact statements.
/// </summary>
public partial class OperationSqlTests
{
    private static readonly PostgreSqlDialect Dialect = new();

    [Fact]
    public void Every_operation_type_has_sql_or_an_explicit_refusal()
    {
        var undeclared = DialectOperationCheck.Undeclared(Dialect);
        Assert.True(undeclared.Count == 0, string.Join("\n", undeclared));
    }

    [Fact]
    public async Task Every_kind_of_operation_compiles_as_the_dialect_declares()
    {
        var mismatches = await DialectOperationCheck.MismatchesAsync(Dialect);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_kind_of_operation_compiles_to_the_same_statements()
    {
        var sb = new StringBuilder();
        foreach (var op in OperationSamples.All)
        {
            sb.Append("-- ").Append(op.Describe()).Append('\n');
            try
            {
                foreach (var step in Dialect.Generator.Generate(op))
                    sb.Append(step switch
                    {
                        MigrationStep.Sql { Statement: var s } => $"{s.Sql} [{s.Kind}{(s.Transactional ? "" : ", outside the transaction")}{(s.BuildsIndex is null ? "" : ", builds " + s.BuildsIndex)}{(s.Parameters.Count == 0 ? "" : ", parameters " + string.Join(", ", s.Parameters.Keys))}]",
                        MigrationStep.Code => "(C# code step)",
                        MigrationStep.Data => "(data step)",
                        _ => step.ToString(),
                    }).Append('\n');
            }
            catch (RetortException e) { sb.Append("error: ").Append(e.Message).Append('\n'); }
        }
        Assert.Equal(Expected.Statements.ReplaceLineEndings("\n"), sb.ToString().TrimEnd('\n'));
    }

    private static class Expected
    {
        // Recorded from the code as it was before each operation was registered in one place.
        public const string Statements = """
-- create schema sales
CREATE SCHEMA IF NOT EXISTS "sales" [Schema]
-- create enum type mood (sad, ok)
CREATE TYPE "mood" AS ENUM ('sad', 'ok') [Schema]
-- add value 'happy' to enum type mood
ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok' [Schema, outside the transaction]
-- add value 'meh' to enum type sales.mood
ALTER TYPE "sales"."mood" ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok' [Schema, outside the transaction]
-- create table items
CREATE TABLE "items" (
    "id" integer NOT NULL,
    "name" varchar(50) NOT NULL,
    "price" numeric(10, 2) DEFAULT 0,
    CONSTRAINT "pk_items" PRIMARY KEY ("id"),
    CONSTRAINT "ck_items_price" CHECK (price >= 0)
) [Schema]
CREATE INDEX "ix_items_name" ON "items" ("name") [Schema]
COMMENT ON TABLE "items" IS 'things sold' [Schema]
COMMENT ON COLUMN "items"."name" IS 'shown' [Schema]
-- create table tags
CREATE TABLE "tags" (
    "id" integer NOT NULL,
    CONSTRAINT "pk_tags" PRIMARY KEY ("id")
) [Schema]
-- add column items.note
ALTER TABLE "items" ADD COLUMN "note" text [Schema]
-- add column items.tag_id
ALTER TABLE "items" ADD COLUMN "tag_id" integer [Schema]
-- alter column items.note: rename to remark
ALTER TABLE "items" RENAME COLUMN "note" TO "remark" [Schema]
-- alter column items.price: type NumericType { Precision = 8, Scale = 2 }, not null, default Value(1)
ALTER TABLE "items" ALTER COLUMN "price" DROP DEFAULT, ALTER COLUMN "price" TYPE numeric(8, 2), ALTER COLUMN "price" SET NOT NULL, ALTER COLUMN "price" SET DEFAULT 1 [Schema]
-- alter column items.remark: comment
COMMENT ON COLUMN "items"."remark" IS 'why' [Schema]
-- alter column items.name: type TextType { }
ALTER TABLE "items" ALTER COLUMN "name" TYPE text [Schema]
-- create unique index ix_items_remark on items (remark)
CREATE UNIQUE INDEX "ix_items_remark" ON "items" ("remark") WHERE remark IS NOT NULL [Schema]
-- create index ix_items_tag on items (tag_id)
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix_items_tag" ON "items" ("tag_id") [ConcurrentIndex, outside the transaction, builds "ix_items_tag"]
-- drop index ix_items_tag on items
DROP INDEX CONCURRENTLY IF EXISTS "ix_items_tag" [ConcurrentIndex, outside the transaction]
-- drop index ix_items_remark on items
DROP INDEX "ix_items_remark" [Schema]
-- add fk constraint fk_items_tag on items
ALTER TABLE "items" ADD CONSTRAINT "fk_items_tag" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE [Schema]
-- add uq constraint uq_items_name on items
ALTER TABLE "items" ADD CONSTRAINT "uq_items_name" UNIQUE ("name") [Schema]
-- add ck constraint ck_items_name on items
ALTER TABLE "items" ADD CONSTRAINT "ck_items_name" CHECK (length(name) > 0) [Schema]
-- drop constraint ck_items_name on items
ALTER TABLE "items" DROP CONSTRAINT "ck_items_name" [Schema]
-- drop constraint uq_items_name on items
ALTER TABLE "items" DROP CONSTRAINT "uq_items_name" [Schema]
-- drop constraint fk_items_tag on items
ALTER TABLE "items" DROP CONSTRAINT "fk_items_tag" [Schema]
-- comment on table items
COMMENT ON TABLE "items" IS 'sold things' [Schema]
-- drop comment on table items
COMMENT ON TABLE "items" IS NULL [Schema]
-- execute UPDATE items SET remark = @r WHERE remark IS NULL
UPDATE items SET remark = @r WHERE remark IS NULL [Unclassified, parameters r]
-- execute VACUUM (outside the transaction)
VACUUM [Unclassified, outside the transaction]
-- insert 2 row(s) into tags
INSERT INTO "tags" ("id") VALUES (@p0_0), (@p1_0) [Data, parameters p0_0, p1_0]
-- backfill items SET remark = lower(name) WHERE remark IS NULL
(data step)
-- backfill items SET name = upper(name)
(data step)
-- transform copy tags (tags -> tags)
(data step)
-- run touch items
(C# code step)
-- run forget items
(C# code step)
-- rename column items.remark to memo (online)
ALTER TABLE "items" RENAME COLUMN "remark" TO "memo" [Schema]
-- change the type of column items.tag_id (online)
ALTER TABLE "items" ALTER COLUMN "tag_id" TYPE bigint [Schema]
-- change the type of column items.memo (online)
ALTER TABLE "items" ALTER COLUMN "memo" DROP DEFAULT, ALTER COLUMN "memo" TYPE varchar(200) USING upper(memo), ALTER COLUMN "memo" SET DEFAULT '-' [Schema]
-- set column items.memo NOT NULL, NULLs backfilled with 'none' (online)
UPDATE "items" SET "memo" = 'none' WHERE "memo" IS NULL [Unclassified]
ALTER TABLE "items" ALTER COLUMN "memo" SET NOT NULL [Schema]
-- split column items.memo into memo_a, memo_b, memo_c (online)
ALTER TABLE "items" ADD COLUMN "memo_a" text [Schema]
ALTER TABLE "items" ADD COLUMN "memo_b" text [Schema]
ALTER TABLE "items" ADD COLUMN "memo_c" text [Schema]
UPDATE "items" SET "memo_a" = substr(memo, 1, 1), "memo_b" = substr(memo, 2), "memo_c" = 'c' [Unclassified]
ALTER TABLE "items" DROP COLUMN "memo" [Schema]
-- merge columns memo_a, memo_b of items into remark (online)
ALTER TABLE "items" ADD COLUMN "remark" text [Schema]
UPDATE "items" SET "remark" = memo_a || memo_b [Unclassified]
ALTER TABLE "items" DROP COLUMN "memo_a" [Schema]
ALTER TABLE "items" DROP COLUMN "memo_b" [Schema]
-- drop column items.memo_c (online)
ALTER TABLE "items" DROP COLUMN "memo_c" [Schema]
-- rename table items to goods (online)
ALTER TABLE "items" RENAME TO "goods" [Schema]
-- rename table goods to items (online)
ALTER TABLE "goods" RENAME TO "items" [Schema]
-- drop column items.remark
ALTER TABLE "items" DROP COLUMN "remark" [Schema]
-- drop column items.tag_id
ALTER TABLE "items" DROP COLUMN "tag_id" [Schema]
-- rename table tags to labels
ALTER TABLE "tags" RENAME TO "labels" [Schema]
-- drop table labels
DROP TABLE "labels" [Schema]
-- drop table items
DROP TABLE "items" [Schema]
-- drop enum type mood
DROP TYPE "mood" [Schema]
-- drop enum type sales.mood
DROP TYPE "sales"."mood" [Schema]
-- drop schema sales
DROP SCHEMA "sales" [Schema]
""";
    }
}
