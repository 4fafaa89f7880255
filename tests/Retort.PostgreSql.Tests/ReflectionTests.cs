using Retort.Runner;
using Retort.Connections;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification.Support;
using Retort.Schema;
using Index = Retort.Schema.TableIndex;

namespace Retort.PostgreSql.Tests;

public class ReflectionTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private static Table EveryType(string name, string? schema) => new(name, schema, NamingConvention.Default,
        new Column("id", SqlType.BigInteger, primaryKey: true) { Identity = true },
        new Column("small", SqlType.SmallInteger, serverDefault: ServerDefault.Literal(-5)),
        new Column("qty", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(1)),
        new Column("flag", SqlType.Boolean, nullable: false, serverDefault: ServerDefault.Literal(true)),
        new Column("code", SqlType.String(20), unique: true, serverDefault: ServerDefault.Literal("it's")),
        new Column("free", SqlType.String()),
        new Column("body", SqlType.Text, comment: "the body", serverDefault: ServerDefault.Literal("")),
        new Column("price", SqlType.Numeric(10, 2), serverDefault: ServerDefault.Literal(1.25m)),
        new Column("amount", SqlType.Numeric()),
        new Column("whole", SqlType.Numeric(12)),
        new Column("ratio", SqlType.Float, serverDefault: ServerDefault.Literal(0.5)),
        new Column("score", SqlType.Double),
        new Column("day", SqlType.Date, serverDefault: ServerDefault.Literal(new DateOnly(2024, 2, 29))),
        new Column("at", SqlType.DateTime, serverDefault: ServerDefault.Literal(new DateTime(2024, 1, 2, 3, 4, 5))),
        new Column("at_tz", SqlType.DateTimeOffset, nullable: false, serverDefault: ServerDefault.Sql("now()")),
        new Column("tod", SqlType.Time),
        new Column("uid", SqlType.Guid, serverDefault: ServerDefault.Sql("gen_random_uuid()")),
        new Column("blob", SqlType.Binary()),
        new Column("doc", SqlType.Json, serverDefault: ServerDefault.Literal("{}")),
        new Column("email", SqlType.Text),
        new Column("parent_id", SqlType.BigInteger),
        new ForeignKeyConstraint("parent_id", name, "id") { OnDelete = ReferentialAction.Cascade, OnUpdate = ReferentialAction.Restrict },
        new CheckConstraint("qty > 0", "positive"),
        new UniqueConstraint("small", "qty"),
        new Index(null, "day", "qty"),
        new Index("ix_" + name + "_open", "code") { Unique = true, Where = "flag" },
        new Index("ix_" + name + "_email", "lower(email)") { Expressions = true }) { Comment = "every type" };

    [PgFact]
    public async Task Create_then_reflect_gives_back_an_equal_table()
    {
        await using var database = db.Open();
        var expected = EveryType("everything", null);
        await database.ApplyAsync([new CreateTableOperation(expected)]);
        var reflected = await database.ReflectTableAsync("everything");
        Assert.Equal(expected.Columns, reflected!.Columns);
        Assert.Equal(expected, reflected);
    }

    [PgFact]
    public async Task Tables_in_a_named_schema_round_trip_and_foreign_keys_name_other_schemas()
    {
        await db.ExecuteAsync("CREATE SCHEMA IF NOT EXISTS app; CREATE SCHEMA IF NOT EXISTS other");
        await using var database = db.Open();
        var parent = new Table("parent", "other", NamingConvention.Default, new Column("id", SqlType.Integer, primaryKey: true));
        var child = new Table("child", "app", NamingConvention.Default,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("parent_id", SqlType.Integer, references: "other.parent.id"));
        var expected = EveryType("everything", "app");
        await database.ApplyAsync([new CreateTableOperation(parent), new CreateTableOperation(child), new CreateTableOperation(expected)]);
        Assert.Equal(child, await database.ReflectTableAsync("child", "app"));
        Assert.Equal(expected, await database.ReflectTableAsync("everything", "app"));
        Assert.Null(await database.ReflectTableAsync("child"));
    }

    [PgFact]
    public async Task A_thousand_tables_reflect_in_four_queries()
    {
        await db.ExecuteAsync("CREATE SCHEMA IF NOT EXISTS many");
        var sql = string.Concat(Enumerable.Range(0, 1000).Select(i =>
            $"CREATE TABLE many.t{i} (id integer PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', ref integer REFERENCES many.t0 (id), CHECK (id >= 0)); CREATE INDEX ix_t{i} ON many.t{i} (name);"));
        await db.ExecuteAsync(sql);
        await using var database = db.Open();
        await using var connection = await database.OpenConnectionAsync();
        using var counter = new QueryCounter();
        var tables = await DialectAccess.ReflectAsync(database, connection, "many");
        Assert.Equal(1000, tables.Count);
        Assert.Equal(4, counter.Count);
        var t5 = tables.Single(t => t.Name == "t5");
        Assert.Equal(3, t5.Columns.Count);
        Assert.Single(t5.ForeignKeys);
        Assert.Single(t5.CheckConstraints);
        Assert.Single(t5.Indexes);
    }
}
