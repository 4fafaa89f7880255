using Retort.Connections;
using Retort.Schema;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

public class ReflectionTests
{
    public static MetaData FullSchema()
    {
        var m = new MetaData();
        _ = new Table("users", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("email", SqlType.String(255), nullable: false, unique: true, comment: "login name"),
            new Column("active", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(true)),
            new Column("score", SqlType.Double, serverDefault: ServerDefault.Literal(1.5)),
            new Column("created", SqlType.DateTime, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")))
        { Comment = "people" };
        _ = new Table("everything", m,
            new Column("a", SqlType.SmallInteger, nullable: false),
            new Column("b", SqlType.BigInteger, nullable: false),
            new Column("c", SqlType.Text, serverDefault: ServerDefault.Literal("it's")),
            new Column("d", SqlType.Numeric(10, 2), serverDefault: ServerDefault.Literal(9.99m)),
            new Column("e", SqlType.Float),
            new Column("f", SqlType.Date),
            new Column("g", SqlType.DateTimeOffset),
            new Column("h", SqlType.Time),
            new Column("i", SqlType.Guid),
            new Column("j", SqlType.Binary()),
            new Column("k", SqlType.Binary(16)),
            new Column("l", SqlType.Json),
            new Column("m", SqlType.String()),
            new Column("n", SqlType.Numeric()),
            new Column("user_id", SqlType.Integer, references: "users.id"),
            new PrimaryKeyConstraint("a", "b"),
            new CheckConstraint("a > 0"),
            new CheckConstraint("b <> a", "distinct_ab"),
            new UniqueConstraint("c", "d"),
            new TableIndex(null, "e", "f") { Unique = true },
            new TableIndex("ix_partial", "g") { Where = "g IS NOT NULL" },
            new TableIndex("ix_expr", ValueList.Of("lower(m)")) { Expressions = true });
        _ = new Table("child", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("a", SqlType.SmallInteger),
            new Column("b", SqlType.BigInteger),
            new ForeignKeyConstraint(ValueList.Of("a", "b"), "everything", ValueList.Of("a", "b"))
            { OnDelete = ReferentialAction.Cascade, OnUpdate = ReferentialAction.SetNull });
        _ = new Table("strict_kv", m, new Column("k", SqlType.Text, primaryKey: true), new Column("v", SqlType.Integer),
            SqliteOptions.Strict, SqliteOptions.WithoutRowId);
        return m;
    }

    [Fact]
    public async Task Create_then_reflect_gives_back_an_equal_model()
    {
        await using var db = new TempDatabase();
        var m = FullSchema();
        await m.CreateAllAsync(db.Database);
        var reflected = await db.Database.ReflectAsync();
        Assert.Equal(m.Tables.Select(t => t.Name).Order(), reflected.Select(t => t.Name).Order());
        foreach (var expected in m.Tables)
            Assert.Equal(expected, reflected.Single(t => t.Name == expected.Name));
    }

    [Fact]
    public async Task Create_all_orders_by_foreign_keys_and_check_first_skips_existing()
    {
        await using var db = new TempDatabase();
        var m = FullSchema();
        Assert.Equal(["users", "everything", "child", "strict_kv"], m.SortedTables.Select(t => t.Name));
        db.Exec("CREATE TABLE users (id INTEGER PRIMARY KEY, other TEXT)");
        await m.CreateAllAsync(db.Database, checkFirst: true);
        Assert.Equal(["id", "other"], (await db.Database.ReflectTableAsync("users"))!.Columns.Select(c => c.Name));
        Assert.NotNull(await db.Database.ReflectTableAsync("child"));
        await m.DropAllAsync(db.Database);
        Assert.Empty(await db.Database.ReflectAsync());
    }

    [Fact]
    public async Task Reflects_tables_written_by_hand()
    {
        await using var db = new TempDatabase();
        db.Exec("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE t (
              id integer primary key,
              name varchar(40) not null default 'x' check (length(name) > 0),
              pid int constraint fk_p references parent(id) on delete cascade,
              amount decimal(8,2) default 0,
              constraint ck_amount check (amount < 1000),
              unique (name, pid)
            );
            """);
        var t = (await db.Database.ReflectTableAsync("t"))!;
        Assert.Equal(SqlType.String(40), t.GetColumn("name").Type);
        Assert.False(t.GetColumn("name").Nullable);
        Assert.Equal(ServerDefault.Literal("x"), t.GetColumn("name").Default);
        Assert.Equal(SqlType.Numeric(8, 2), t.GetColumn("amount").Type);
        Assert.Equal(["id"], t.PrimaryKey!.Columns);
        var fk = Assert.Single(t.ForeignKeys);
        Assert.Equal("fk_p", fk.Name);
        Assert.Equal(ReferentialAction.Cascade, fk.OnDelete);
        Assert.Equal(2, t.CheckConstraints.Count);
        Assert.Contains(t.CheckConstraints, c => c.Name is null && c.Expression == "length(name) > 0");
        Assert.Contains(t.CheckConstraints, c => c.Name == "ck_amount" && c.Expression == "amount < 1000");
        Assert.Equal(["name", "pid"], Assert.Single(t.UniqueConstraints).Columns);
    }

    [Fact]
    public async Task A_default_is_read_as_a_literal_or_unwrapped_only_by_its_own_quotes_and_parentheses()
    {
        // SQLite reports an expression default without its outer parentheses: ('a' || 'b') as 'a' || 'b'.
        await using var db = new TempDatabase();
        db.Exec("CREATE TABLE t (id integer primary key, a text default ('a' || 'b'), b text default (('(') || (')')), c text default ('it''s'), d int default ((1) + (2)))");
        var t = (await db.Database.ReflectTableAsync("t"))!;
        Assert.Equal(ServerDefault.Sql("'a' || 'b'"), t.GetColumn("a").Default);
        Assert.Equal(ServerDefault.Sql("('(') || (')')"), t.GetColumn("b").Default);
        Assert.Equal(ServerDefault.Literal("it's"), t.GetColumn("c").Default);
        Assert.Equal(ServerDefault.Sql("(1) + (2)"), t.GetColumn("d").Default);
    }
}
