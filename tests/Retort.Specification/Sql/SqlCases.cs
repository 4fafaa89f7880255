using Retort.Migrations;
using Retort.Operations;
using Retort.Schema;
using Retort.Specification.Data;

namespace Retort.Specification.Sql;

/// <summary>
/// The operations whose SQL <see cref="SqlRenderingSpecification{TFactory}"/> pins: at least one case for every
/// operation type in <c>Retort.Operations</c>, each written once, over the tables <see cref="Setup"/> makes.
/// </summary>
public static class SqlCases
{
    /// <summary>What every case starts from: tables t (with an index and a check), u (referring to nothing yet), p (no key) and an enum type.</summary>
    public static void Setup(Op op)
    {
        op.CreateTable("t",
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("a", SqlType.Text),
            new Column("b", SqlType.Integer),
            new CheckConstraint("b >= 0", "nonneg"),
            new TableIndex("ix_t_b", "b"));
        op.CreateTable("u", new Column("id", SqlType.Integer, primaryKey: true), new Column("t_id", SqlType.Integer));
        op.CreateTable("p", new Column("x", SqlType.Integer, nullable: false), new Column("y", SqlType.Integer, nullable: false));
        op.CreateTableComment("u", "users");
        op.CreateEnumType("mood", ["sad", "ok"]);
    }

    /// <summary>Every case by name.</summary>
    public static IReadOnlyDictionary<string, Action<Op>> All { get; } = new Dictionary<string, Action<Op>>
    {
        ["create table"] = op => op.CreateTable("orders",
            new Column("id", SqlType.BigInteger, primaryKey: true),
            new Column("t_id", SqlType.Integer, nullable: false, references: "t.id"),
            new Column("code", SqlType.String(20), unique: true, comment: "external code"),
            new Column("amount", SqlType.Numeric(10, 2), serverDefault: ServerDefault.Literal(0)),
            new Column("flag", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(false)),
            new Column("created", SqlType.DateTime, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")),
            new CheckConstraint("amount >= 0", "positive"),
            new TableIndex(null, "t_id", "created") { Where = "amount > 0" }),
        ["drop table"] = op => op.DropTable("u"),
        ["rename table"] = op => op.RenameTable("u", "users"),
        ["add column"] = op => op.AddColumn("t", new Column("c", SqlType.String(5), nullable: false, serverDefault: ServerDefault.Literal("x"), comment: "note")),
        ["drop column"] = op => op.DropColumn("t", "a"),
        ["rename column"] = op => op.AlterColumn("t", "a", newColumnName: "title"),
        ["change column type"] = op => op.AlterColumn("t", "a", type: SqlType.String(40), existingType: SqlType.Text),
        ["change nullability and default"] = op => op.AlterColumn("t", "a", nullable: false, existingNullable: true, serverDefault: ServerDefault.Literal("none")),
        ["set column comment"] = op => op.AlterColumn("t", "a", comment: "the a", existingComment: null),
        ["create index"] = op => op.CreateIndex("ix_t_a", "t", ["a", "b"], unique: true, where: "b IS NOT NULL"),
        ["create index concurrently"] = op => op.CreateIndex("ix_t_a", "t", ["a"], concurrently: true),
        ["drop index"] = op => op.DropIndex("ix_t_b", "t"),
        ["drop index concurrently"] = op => op.DropIndex("ix_t_b", "t", concurrently: true),
        ["add foreign key"] = op => op.CreateForeignKey("fk_u_t", "u", "t", ["t_id"], ["id"], onDelete: ReferentialAction.Cascade),
        ["add unique constraint"] = op => op.CreateUniqueConstraint("uq_t_a", "t", "a"),
        ["add check constraint"] = op => op.CreateCheckConstraint("ck_t_b", "t", "b < 100"),
        ["add primary key"] = op => op.CreatePrimaryKey("pk_p", "p", "x", "y"),
        ["drop constraint"] = op => op.DropConstraint("ck_t_nonneg", "t"),
        ["set table comment"] = op => op.CreateTableComment("t", "it's t"),
        ["drop table comment"] = op => op.DropTableComment("u", existingComment: "users"),
        ["create schema"] = op => op.CreateSchema("app"),
        ["drop schema"] = op => op.DropSchema("app"),
        ["create enum type"] = op => op.CreateEnumType("tier", ["basic", "gold"]),
        ["add enum value"] = op => op.AddEnumValue("mood", "happy", after: "ok"),
        ["drop enum type"] = op => op.DropEnumType("mood"),
        ["execute with parameters"] = op => op.Execute("UPDATE t SET a = @a WHERE id = @id", new { a = "it's", id = 1 }),
        ["execute outside the transaction"] = op =>
        {
            op.Execute("UPDATE t SET b = 0");
            op.OutsideTransaction(o => o.Execute("VACUUM"));
        },
        ["bulk insert"] = op => op.BulkInsert("t", [new { id = 1, a = (string?)"O'Brien", b = (int?)2 }, new { id = 2, a = (string?)null, b = (int?)null }]),
        ["backfill"] = op => op.Backfill("t", "b = length(a)", where: "b IS NULL"),
        ["transform"] = op => op.Transform<Item, ItemCopy>("t", "u", i => new ItemCopy(i.Id, i.Data)),
        ["code step"] = op => op.Run("count rows", (_, _) => Task.CompletedTask),
        ["online rename column"] = op => op.Online.RenameColumn("t", "a", "title"),
        ["online rename table"] = op => op.Online.RenameTable("u", "users"),
        ["online change column type"] = op => op.Online.AlterColumnType("t", "b", SqlType.BigInteger, existingType: SqlType.Integer),
        ["online change column type with up"] = op => op.Online.AlterColumnType("t", "a", SqlType.Integer, up: "length(a)", down: "repeat('x', a)"),
        ["online set not null"] = op => op.Online.SetNotNull("t", "a", "'none'"),
        ["online drop column"] = op => op.Online.DropColumn("t", "a", down: "''"),
        ["online split column"] = op => op.Online.SplitColumn("t", "a",
            [new OnlineColumn(new Column("a1", SqlType.Text), "substr(a, 1, 1)"), new OnlineColumn(new Column("a2", SqlType.Text), "substr(a, 2)")], down: "a1 || a2"),
        ["online merge columns"] = op => op.Online.MergeColumns("p", ["x", "y"], new Column("xy", SqlType.Text), "x || ',' || y",
            new Dictionary<string, string> { ["x"] = "0", ["y"] = "0" }),
    };

    /// <summary>The case names, as theory data.</summary>
    public static TheoryData<string> Names() => new(All.Keys);

    /// <summary>The operation types a case's plan holds (a generic transform as its open type's base).</summary>
    public static IEnumerable<Type> OperationTypes(Action<Op> build)
    {
        var op = new Op();
        build(op);
        return op.Plan.Select(o => o.GetType());
    }
}
