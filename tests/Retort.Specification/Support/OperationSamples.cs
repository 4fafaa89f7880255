using Retort.Operations;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Tests.Shared;

/// <summary>
/// At least one instance of every kind of operation, with the variants that render differently (with and without
/// the previous state, a schema, each constraint type). The registry tests need one sample of every operation type:
/// a new operation type without one fails them, so adding an operation means adding its samples here.
/// </summary>
public static class OperationSamples
{
    private static readonly Table Items = Table.Create("items", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
        new Column("name", SqlType.String(50), nullable: false, comment: "shown"),
        new Column("price", SqlType.Numeric(10, 2), serverDefault: ServerDefault.Literal(0m)),
    ],
        primaryKey: new PrimaryKeyConstraint(ValueList.Of("id"), "pk_items"),
        checkConstraints: [new CheckConstraint("price >= 0", "ck_items_price")],
        indexes: [new TableIndex("ix_items_name", "name")],
        comment: "things sold");

    /// <summary>Every concrete operation type in Retort (a generic one as its definition), found by reflection.</summary>
    public static IReadOnlyList<Type> OperationTypes { get; } = typeof(MigrationOperation).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(MigrationOperation)) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    /// <summary>True when <paramref name="sample"/> is of the operation type <paramref name="type"/> (or of a type made from that generic definition).</summary>
    public static bool IsOf(MigrationOperation sample, Type type) =>
        sample.GetType() == type || (type.IsGenericTypeDefinition && sample.GetType().IsGenericType && sample.GetType().GetGenericTypeDefinition() == type);

    /// <summary>A step of C# code (a named method, so its fingerprint does not depend on compiler-generated names).</summary>
    public static Task Step(MigrationContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    private static SampleRow? Convert(SampleRow row) => row;

    /// <summary>A row of a sample transformation.</summary>
    public sealed record SampleRow(long Id, string Name);

    /// <summary>Every sample, in a plan order that applies cleanly to an empty schema.</summary>
    public static IReadOnlyList<MigrationOperation> All { get; } =
    [
        new CreateSchemaOperation("sales"),
        new CreateEnumTypeOperation("mood", ValueList.Of("sad", "ok")),
        new AddEnumValueOperation("mood", "happy") { After = "ok" },
        new AddEnumValueOperation("mood", "meh", Schema: "sales") { Before = "ok" },
        new CreateTableOperation(Items),
        new CreateTableOperation(Table.Create("tags", null, [new Column("id", SqlType.Integer, nullable: false)], primaryKey: new PrimaryKeyConstraint(ValueList.Of("id"), "pk_tags"))) { WithIndexes = false },
        new AddColumnOperation("items", new Column("note", SqlType.Text)),
        new AddColumnOperation("items", new Column("tag_id", SqlType.Integer)),
        new AlterColumnOperation("items", "note") { NewName = "remark" },
        new AlterColumnOperation("items", "price")
        {
            NewType = SqlType.Numeric(8, 2), ExistingType = SqlType.Numeric(10, 2), NewNullable = false, ExistingNullable = true,
            NewDefault = new Optional<ServerDefault?>(true, ServerDefault.Literal(1m)), ExistingDefault = new Optional<ServerDefault?>(true, ServerDefault.Literal(0m)),
        },
        new AlterColumnOperation("items", "remark") { NewComment = new Optional<string?>(true, "why"), ExistingComment = new Optional<string?>(true, null) },
        new AlterColumnOperation("items", "name") { NewType = SqlType.Text },
        new CreateIndexOperation("items", new TableIndex("ix_items_remark", "remark") { Unique = true, Where = "remark IS NOT NULL" }),
        new CreateIndexOperation("items", new TableIndex("ix_items_tag", "tag_id")) { Concurrently = true },
        new DropIndexOperation("items", "ix_items_tag") { Existing = new TableIndex("ix_items_tag", "tag_id"), Concurrently = true },
        new DropIndexOperation("items", "ix_items_remark"),
        new AddConstraintOperation("items", new ForeignKeyConstraint(ValueList.Of("tag_id"), "tags", ValueList.Of("id"), "fk_items_tag") { OnDelete = ReferentialAction.Cascade }),
        new AddConstraintOperation("items", new UniqueConstraint(ValueList.Of("name"), "uq_items_name")),
        new AddConstraintOperation("items", new CheckConstraint("length(name) > 0", "ck_items_name")),
        new DropConstraintOperation("items", "ck_items_name") { Existing = new CheckConstraint("length(name) > 0", "ck_items_name") },
        new DropConstraintOperation("items", "uq_items_name"),
        new DropConstraintOperation("items", "fk_items_tag"),
        new AlterTableCommentOperation("items", "sold things") { ExistingComment = new Optional<string?>(true, "things sold") },
        new AlterTableCommentOperation("items", null),
        new ExecuteSqlOperation("UPDATE items SET remark = @r WHERE remark IS NULL") { Parameters = new Dictionary<string, object?> { ["r"] = "none" } },
        new ExecuteSqlOperation("VACUUM") { OutsideTransaction = true },
        new BulkInsertOperation("tags", ValueList.Of("id"), ValueList.Of(ValueList.Of<object?>(1L), ValueList.Of<object?>(2L))),
        new BackfillOperation("items", "remark = lower(name)") { Where = "remark IS NULL", ReverseSet = "remark = NULL" },
        new BackfillOperation("items", "name = upper(name)") { Atomic = true },
        new TransformOperation<SampleRow, SampleRow>("copy tags", "tags", Convert) { SourceTable = "tags" },
        new CodeStepOperation("touch items", Step) { ReverseAction = Step },
        new CodeStepOperation("forget items", Step),
        new OnlineRenameColumnOperation("items", "remark", "memo"),
        new OnlineAlterColumnTypeOperation("items", "tag_id", SqlType.BigInteger) { ExistingType = SqlType.Integer },
        new OnlineAlterColumnTypeOperation("items", "memo", SqlType.String(200)) { Up = "upper(memo)", Down = "lower(memo)", NewDefault = ServerDefault.Literal("-") },
        new OnlineSetNotNullOperation("items", "memo", "'none'"),
        new OnlineSplitColumnOperation("items", "memo", ValueList.Of(new OnlineColumn(new Column("memo_a", SqlType.Text), "substr(memo, 1, 1)"),
            new OnlineColumn(new Column("memo_b", SqlType.Text), "substr(memo, 2)"), new OnlineColumn(new Column("memo_c", SqlType.Text), "'c'")), "memo_a || memo_b"),
        new OnlineMergeColumnsOperation("items", ValueList.Of("memo_a", "memo_b"), new Column("remark", SqlType.Text), "memo_a || memo_b",
            ValueList.Of(new OnlineColumnDown("memo_a", "substr(remark, 1, 1)"), new OnlineColumnDown("memo_b", "substr(remark, 2)"))),
        new OnlineDropColumnOperation("items", "memo_c") { Down = "'c'", Existing = new Column("memo_c", SqlType.Text) },
        new OnlineRenameTableOperation("items", "goods"),
        new OnlineRenameTableOperation("goods", "items"),
        new DropColumnOperation("items", "remark") { Existing = new Column("remark", SqlType.Text, comment: "why") },
        new DropColumnOperation("items", "tag_id"),
        new RenameTableOperation("tags", "labels"),
        new DropTableOperation("labels") { Existing = Table.Create("labels", null, [new Column("id", SqlType.Integer, nullable: false)]) },
        new DropTableOperation("items"),
        new DropEnumTypeOperation("mood") { Existing = ValueList.Of("sad", "ok", "happy") },
        new DropEnumTypeOperation("mood", "sales"),
        new DropSchemaOperation("sales"),
    ];
}
