using Retort.Dialects;
using Retort.Operations;
using static Retort.Dialects.OperationSupport;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDdlGenerator
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<Type, OperationSupport> SupportByKind => Support;

    private static readonly IReadOnlyDictionary<Type, OperationSupport> Support = new Dictionary<Type, OperationSupport>
    {
        [typeof(CreateTableOperation)] = Statements("CREATE TABLE, its CREATE INDEX statements, COMMENT ON the table and its columns"),
        [typeof(DropTableOperation)] = Statements("DROP TABLE"),
        [typeof(RenameTableOperation)] = Statements("ALTER TABLE … RENAME TO"),
        [typeof(AlterTableCommentOperation)] = Statements("COMMENT ON TABLE"),
        [typeof(AddColumnOperation)] = Statements("ALTER TABLE … ADD COLUMN, and COMMENT ON COLUMN"),
        [typeof(DropColumnOperation)] = Statements("ALTER TABLE … DROP COLUMN"),
        [typeof(AlterColumnOperation)] = Statements("ALTER TABLE … ALTER COLUMN (TYPE … USING, SET/DROP NOT NULL, SET/DROP DEFAULT), COMMENT ON COLUMN, RENAME COLUMN; " +
            "SET NOT NULL on an existing table after a CHECK (… IS NOT NULL) added NOT VALID and validated in its own transaction"),
        [typeof(CreateIndexOperation)] = Statements("CREATE INDEX; concurrently (and by default on an existing table): CREATE INDEX CONCURRENTLY IF NOT EXISTS outside the transaction, an invalid leftover dropped first"),
        [typeof(DropIndexOperation)] = Statements("DROP INDEX; concurrently (and by default on an existing table): DROP INDEX CONCURRENTLY IF EXISTS outside the transaction"),
        [typeof(AddConstraintOperation)] = Statements("ALTER TABLE … ADD CONSTRAINT; on an existing table a foreign key or check NOT VALID then VALIDATE in its own transaction, " +
            "a unique constraint or primary key USING INDEX built CONCURRENTLY"),
        [typeof(DropConstraintOperation)] = Statements("ALTER TABLE … DROP CONSTRAINT"),
        [typeof(CreateSchemaOperation)] = Statements("CREATE SCHEMA IF NOT EXISTS"),
        [typeof(DropSchemaOperation)] = Statements("DROP SCHEMA"),
        [typeof(CreateEnumTypeOperation)] = Statements("CREATE TYPE … AS ENUM"),
        [typeof(AddEnumValueOperation)] = Statements("ALTER TYPE … ADD VALUE IF NOT EXISTS, outside the transaction"),
        [typeof(DropEnumTypeOperation)] = Statements("DROP TYPE"),
        [typeof(ExecuteSqlOperation)] = Statements("the statement as written, with its parameters; outside the transaction a CREATE INDEX CONCURRENTLY drops an invalid leftover first"),
        [typeof(BulkInsertOperation)] = Statements("INSERT … VALUES with parameters, 100 rows a statement"),
        [typeof(CodeStepOperation)] = RunByRunner("C# code run in the revision's transaction"),
        [typeof(BackfillOperation)] = RunByRunner("keyset batches of UPDATE, each committed with its checkpoint, or a copy and swap of the table"),
        [typeof(TransformOperation)] = RunByRunner("keyset batches written with binary COPY, each committed with its checkpoint"),
        [typeof(OnlineRenameColumnOperation)] = Compiled("expand: views of the old and the new version; complete: ALTER TABLE … RENAME COLUMN"),
        [typeof(OnlineRenameTableOperation)] = Compiled("expand: views of the old and the new version; complete: ALTER TABLE … RENAME TO"),
        [typeof(OnlineAlterColumnTypeOperation)] = Compiled("expand: a shadow column, triggers, a batched backfill, views; complete: DROP COLUMN, RENAME COLUMN, SET NOT NULL over a validated check"),
        [typeof(OnlineSetNotNullOperation)] = Compiled("expand: a shadow column, triggers, a batched backfill, a NOT VALID check validated on its own, views; complete: DROP COLUMN, RENAME COLUMN, SET NOT NULL"),
        [typeof(OnlineDropColumnOperation)] = Compiled("expand: a trigger for the new version's inserts, views; complete: DROP COLUMN"),
        [typeof(OnlineSplitColumnOperation)] = Compiled("expand: shadow columns, triggers, a batched backfill, views; complete: DROP COLUMN, RENAME COLUMN"),
        [typeof(OnlineMergeColumnsOperation)] = Compiled("expand: a shadow column, triggers, a batched backfill, views; complete: DROP COLUMN, RENAME COLUMN"),
    };
}
