using Retort.Dialects;
using Retort.Operations;
using static Retort.Dialects.OperationSupport;

namespace Retort.Sqlite.Internal;

internal sealed partial class SqliteDdlGenerator
{
    /// <inheritdoc />
    /// <remarks>What SQLite's ALTER TABLE cannot do is compiled into a table rebuild (<see cref="RebuildPlanner"/>, <see cref="TableRebuild"/>).</remarks>
    protected override IReadOnlyDictionary<Type, OperationSupport> SupportByKind => Support;

    private static readonly IReadOnlyDictionary<Type, OperationSupport> Support = new Dictionary<Type, OperationSupport>
    {
        [typeof(CreateTableOperation)] = Statements("CREATE TABLE with the comments inside it, then its CREATE INDEX statements"),
        [typeof(DropTableOperation)] = Statements("DROP TABLE"),
        [typeof(RenameTableOperation)] = Statements("ALTER TABLE … RENAME TO"),
        [typeof(AlterTableCommentOperation)] = Compiled("a table rebuild: SQLite keeps comments in the stored CREATE TABLE text"),
        [typeof(AddColumnOperation)] = Compiled("ALTER TABLE … ADD COLUMN; a table rebuild for a NOT NULL column without a default, or an expression default"),
        [typeof(DropColumnOperation)] = Compiled("ALTER TABLE … DROP COLUMN; a table rebuild when a key, constraint or index uses the column"),
        [typeof(AlterColumnOperation)] = Compiled("ALTER TABLE … RENAME COLUMN for a rename (run first); any other change is a table rebuild"),
        [typeof(CreateIndexOperation)] = Statements("CREATE INDEX, the schema on the index name (SQLite has no CONCURRENTLY: the flag is ignored)"),
        [typeof(DropIndexOperation)] = Statements("DROP INDEX"),
        [typeof(AddConstraintOperation)] = Compiled("a table rebuild: SQLite cannot add a constraint to a table"),
        [typeof(DropConstraintOperation)] = Compiled("a table rebuild: SQLite cannot drop a constraint from a table"),
        [typeof(CreateSchemaOperation)] = Refused<CreateSchemaOperation>("SQLite has no schemas",
            o => $"SQLite has no schemas, so schema '{o.Name}' cannot be created; a SQLite \"schema\" is an attached database file."),
        [typeof(DropSchemaOperation)] = Refused<DropSchemaOperation>("SQLite has no schemas",
            o => $"SQLite has no schemas, so schema '{o.Name}' cannot be dropped; a SQLite \"schema\" is an attached database file."),
        [typeof(CreateEnumTypeOperation)] = Nothing("enums are stored as strings (VARCHAR of the longest label)"),
        [typeof(AddEnumValueOperation)] = Nothing("enums are stored as strings"),
        [typeof(DropEnumTypeOperation)] = Nothing("enums are stored as strings"),
        [typeof(ExecuteSqlOperation)] = Statements("the statement as written, with its parameters"),
        [typeof(BulkInsertOperation)] = Statements("INSERT … VALUES with parameters, 100 rows a statement"),
        [typeof(CodeStepOperation)] = RunByRunner("C# code run in the revision's transaction"),
        [typeof(BackfillOperation)] = RunByRunner("keyset batches of UPDATE, each committed with its checkpoint (copy and swap is refused: PostgreSQL only)"),
        [typeof(TransformOperation)] = RunByRunner("keyset batches written with prepared INSERTs, each committed with its checkpoint"),
        [typeof(OnlineRenameColumnOperation)] = Compiled("one step, as the final shape: ALTER TABLE … RENAME COLUMN"),
        [typeof(OnlineRenameTableOperation)] = Compiled("one step, as the final shape: ALTER TABLE … RENAME TO"),
        [typeof(OnlineAlterColumnTypeOperation)] = Compiled("one step, as the final shape: the table rebuilt with the new type, then UPDATE … SET column = up"),
        [typeof(OnlineSetNotNullOperation)] = Compiled("one step, as the final shape: UPDATE … WHERE column IS NULL, then the table rebuilt with NOT NULL"),
        [typeof(OnlineDropColumnOperation)] = Compiled("one step, as the final shape: ALTER TABLE … DROP COLUMN (or the table rebuilt)"),
        [typeof(OnlineSplitColumnOperation)] = Compiled("one step, as the final shape: ADD COLUMN, one UPDATE, DROP COLUMN"),
        [typeof(OnlineMergeColumnsOperation)] = Compiled("one step, as the final shape: ADD COLUMN, one UPDATE, DROP COLUMN"),
    };
}
