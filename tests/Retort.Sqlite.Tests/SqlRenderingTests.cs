using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Sqlite.Tests;

/// <summary>What SQLite's generator writes for the native operations, table options, literals, quoting and type names (the offline cases of every operation are in <see cref="SqliteSqlRenderingTests"/>).</summary>
public class SqlRenderingTests
{
    private static readonly SqliteDialect Dialect = new();

    private static string Sql(MigrationOperation op) => string.Join(";\n", DialectAccess.Sql(Dialect, op));

    [Fact]
    public void Create_table_with_every_kind_of_element()
    {
        var table = new Table("orders",
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("user_id", SqlType.Integer, nullable: false, references: "users.id"),
            new Column("code", SqlType.String(20), unique: true, comment: "external code"),
            new Column("amount", SqlType.Numeric(10, 2), serverDefault: ServerDefault.Literal(0)),
            new Column("created", SqlType.DateTime, serverDefault: ServerDefault.Sql("CURRENT_TIMESTAMP")),
            new CheckConstraint("amount >= 0", "positive"),
            new TableIndex(null, "user_id", "created") { Where = "amount > 0" });
        Assert.Equal("""
            CREATE TABLE "orders" (
                "id" INTEGER NOT NULL,
                "user_id" INTEGER NOT NULL,
                "code" VARCHAR(20) /* external code */,
                "amount" NUMERIC(10, 2) DEFAULT 0,
                "created" DATETIME DEFAULT (CURRENT_TIMESTAMP),
                CONSTRAINT "pk_orders" PRIMARY KEY ("id"),
                CONSTRAINT "fk_orders_user_id_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id"),
                CONSTRAINT "uq_orders_code" UNIQUE ("code"),
                CONSTRAINT "ck_orders_positive" CHECK (amount >= 0)
            );
            CREATE INDEX "ix_orders_user_id_created" ON "orders" ("user_id", "created") WHERE amount > 0
            """, Sql(new CreateTableOperation(table)));
    }

    [Fact]
    public void Table_options_and_comment()
    {
        var table = new Table("kv", new Column("k", SqlType.Text, primaryKey: true), new Column("v", SqlType.Boolean),
            SqliteOptions.Strict, SqliteOptions.WithoutRowId) { Comment = "settings" };
        Assert.Equal("""
            CREATE TABLE "kv" /* settings */ (
                "k" TEXT NOT NULL,
                "v" INTEGER,
                CONSTRAINT "pk_kv" PRIMARY KEY ("k")
            ) WITHOUT ROWID, STRICT
            """, Sql(new CreateTableOperation(table)));
    }

    [Theory]
    [InlineData("drop", "DROP TABLE \"t\"")]
    [InlineData("rename", "ALTER TABLE \"t\" RENAME TO \"u\"")]
    [InlineData("add", "ALTER TABLE \"t\" ADD COLUMN \"c\" VARCHAR(50)")]
    [InlineData("addnn", "ALTER TABLE \"t\" ADD COLUMN \"c\" INTEGER NOT NULL DEFAULT 1")]
    [InlineData("dropcol", "ALTER TABLE \"t\" DROP COLUMN \"c\"")]
    [InlineData("renamecol", "ALTER TABLE \"t\" RENAME COLUMN \"a\" TO \"b\"")]
    [InlineData("index", "CREATE UNIQUE INDEX \"ix\" ON \"t\" (\"a\", \"b\") WHERE b IS NOT NULL")]
    [InlineData("dropindex", "DROP INDEX \"ix\"")]
    [InlineData("execute", "UPDATE t SET a = @a")]
    public void Native_operations(string kind, string expected)
    {
        MigrationOperation op = kind switch
        {
            "drop" => new DropTableOperation("t"),
            "rename" => new RenameTableOperation("t", "u"),
            "add" => new AddColumnOperation("t", new Column("c", SqlType.String(50))),
            "addnn" => new AddColumnOperation("t", new Column("c", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(1))),
            "dropcol" => new DropColumnOperation("t", "c"),
            "renamecol" => new AlterColumnOperation("t", "a") { NewName = "b" },
            "index" => new CreateIndexOperation("t", new Schema.TableIndex("ix", "a", "b") { Unique = true, Where = "b IS NOT NULL" }),
            "dropindex" => new DropIndexOperation("t", "ix"),
            "execute" => new ExecuteSqlOperation("UPDATE t SET a = @a"),
            _ => throw new ArgumentException(kind),
        };
        Assert.Equal(expected, Sql(op));
    }

    [Fact]
    public void Bulk_insert_uses_parameters()
    {
        var op = new BulkInsertOperation("t", ValueList.Of("a", "b"), ValueList.Of(ValueList.Of<object?>(1, "x"), ValueList.Of<object?>(2, null)));
        var statement = Assert.Single(DialectAccess.Statements(Dialect, op));
        Assert.Equal("INSERT INTO \"t\" (\"a\", \"b\") VALUES (@p0_0, @p0_1), (@p1_0, @p1_1)", statement.Sql);
        Assert.Equal(1, statement.Parameters["p0_0"]);
        Assert.Null(statement.Parameters["p1_1"]);
    }

    [Theory]
    [InlineData("it's", "'it''s'")]
    [InlineData(true, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(null, "NULL")]
    public void Literals_are_escaped(object? value, string expected) => Assert.Equal(expected, DialectAccess.Literal(Dialect, value));

    [Fact]
    public void Identifiers_are_quoted() => Assert.Equal("\"we\"\"ird\"", DialectAccess.Quote(Dialect, "we\"ird"));

    [Fact]
    public void Every_type_has_a_name()
    {
        string TypeName(SqlType type) => DialectAccess.TypeName(Dialect, type);
        Assert.Equal("SMALLINT", TypeName(SqlType.SmallInteger));
        Assert.Equal("BIGINT", TypeName(SqlType.BigInteger));
        Assert.Equal("BOOLEAN", TypeName(SqlType.Boolean));
        Assert.Equal("VARCHAR", TypeName(SqlType.String()));
        Assert.Equal("NUMERIC(12, 3)", TypeName(SqlType.Numeric(12, 3)));
        Assert.Equal("REAL", TypeName(SqlType.Float));
        Assert.Equal("DOUBLE PRECISION", TypeName(SqlType.Double));
        Assert.Equal("DATE", TypeName(SqlType.Date));
        Assert.Equal("DATETIMEOFFSET", TypeName(SqlType.DateTimeOffset));
        Assert.Equal("TIME", TypeName(SqlType.Time));
        Assert.Equal("UUID", TypeName(SqlType.Guid));
        Assert.Equal("BLOB", TypeName(SqlType.Binary()));
        Assert.Equal("VARBINARY(16)", TypeName(SqlType.Binary(16)));
        Assert.Equal("JSON", TypeName(SqlType.Json));
    }
}
