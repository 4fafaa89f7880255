using Npgsql;
using Retort.Dialects;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;
using Retort.Schema;
using Retort.Schema.Types;
using Index = Retort.Schema.TableIndex;

namespace Retort.PostgreSql.Tests;

public class BehaviourTests(PgDatabase db) : IClassFixture<PgDatabase>
{
    private async Task<string> NewTableAsync(string columns, string rows)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..8];
        await db.ExecuteAsync($"CREATE TABLE {name} ({columns}); INSERT INTO {name} VALUES {rows}");
        return name;
    }

    private async Task ApplyAsync(params MigrationOperation[] plan)
    {
        await using var database = db.Open();
        await database.ApplyAsync(plan);
    }

    [PgFact]
    public async Task Rename_column_and_table_keep_the_data()
    {
        var t = await NewTableAsync("id integer PRIMARY KEY, name text", "(1, 'a'), (2, 'b')");
        await ApplyAsync(new AlterColumnOperation(t, "name") { NewName = "title" }, new RenameTableOperation(t, t + "_new"));
        Assert.Equal("a,b", await db.ScalarAsync<string>($"SELECT string_agg(title, ',' ORDER BY id) FROM {t}_new"));
    }

    [PgFact]
    public async Task Type_change_with_using_converts_the_rows()
    {
        var t = await NewTableAsync("id integer, amount text DEFAULT '0'", "(1, '42'), (2, '7')");
        await ApplyAsync(new AlterColumnOperation(t, "amount") { NewType = SqlType.Integer, Using = "amount::integer", NewDefault = ServerDefault.Literal(0) });
        Assert.Equal(49L, await db.ScalarAsync<long>($"SELECT sum(amount) FROM {t}"));
        await using var database = db.Open();
        var column = (await database.ReflectTableAsync(t))!.GetColumn("amount");
        Assert.Equal(SqlType.Integer, column.Type);
        Assert.Equal(ServerDefault.Literal(0), column.Default);
    }

    [PgFact]
    public async Task Not_null_and_defaults()
    {
        var t = await NewTableAsync("id integer, note text", "(1, 'x'), (2, NULL)");
        await using var database = db.Open();
        var e = await Assert.ThrowsAsync<StatementFailedException>(() => database.ApplyAsync([new AlterColumnOperation(t, "note") { NewNullable = false }]));
        Assert.Contains("null", e.DatabaseMessage, StringComparison.OrdinalIgnoreCase);
        await db.ExecuteAsync($"UPDATE {t} SET note = 'y' WHERE note IS NULL");
        await database.ApplyAsync([new AlterColumnOperation(t, "note") { NewNullable = false, NewDefault = ServerDefault.Literal("none") }]);
        await db.ExecuteAsync($"INSERT INTO {t} (id) VALUES (3)");
        Assert.Equal("none", await db.ScalarAsync<string>($"SELECT note FROM {t} WHERE id = 3"));
        await database.ApplyAsync([new AlterColumnOperation(t, "note") { NewNullable = true, NewDefault = new Optional<ServerDefault?>(true, null) }]);
        var column = (await database.ReflectTableAsync(t))!.GetColumn("note");
        Assert.True(column.Nullable);
        Assert.Null(column.Default);
    }

    [PgFact]
    public async Task Constraints_are_enforced_and_dropped()
    {
        var parent = await NewTableAsync("id integer PRIMARY KEY", "(1)");
        var child = await NewTableAsync("id integer, parent_id integer, qty integer", "(1, 1, 5)");
        await ApplyAsync(
            new AddConstraintOperation(child, new ForeignKeyConstraint("parent_id", parent, "id", "fk_child") { OnDelete = ReferentialAction.Cascade }),
            new AddConstraintOperation(child, new CheckConstraint("qty > 0", "ck_qty")),
            new AddConstraintOperation(child, new UniqueConstraint(ValueList.Of("id"), "uq_child")));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"INSERT INTO {child} VALUES (2, 1, 0)"));
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"INSERT INTO {child} VALUES (1, 1, 1)"));
        await db.ExecuteAsync($"DELETE FROM {parent}");
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {child}"));
        await ApplyAsync(new DropConstraintOperation(child, "ck_qty"));
        await db.ExecuteAsync($"INSERT INTO {child} (id, qty) VALUES (5, 0)");
    }

    [PgFact]
    public async Task Partial_and_expression_indexes()
    {
        var t = await NewTableAsync("id integer, email text, active boolean", "(1, 'A@x', true), (2, 'a@x', false)");
        await ApplyAsync(
            new CreateIndexOperation(t, new Index("ix_" + t + "_email", "lower(email)") { Expressions = true, Unique = true, Where = "active" }));
        // The second row is outside the partial index, so the unique expression index holds.
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync($"INSERT INTO {t} VALUES (3, 'a@X', true)"));
        await using var database = db.Open();
        var index = (await database.ReflectTableAsync(t))!.Indexes.Single();
        Assert.Equal(new Index("ix_" + t + "_email", "lower(email)") { Expressions = true, Unique = true, Where = "active" }, index);
        await ApplyAsync(new DropIndexOperation(t, index.Name!));
        Assert.Empty((await database.ReflectTableAsync(t))!.Indexes);
    }

    [PgFact]
    public async Task Enum_types_are_created_extended_and_dropped()
    {
        var type = "mood_" + Guid.NewGuid().ToString("N")[..6];
        await ApplyAsync(
            new CreateEnumTypeOperation(type, ValueList.Of("sad", "ok")),
            new CreateTableOperation(Table.Create("t_" + type, null, [new Column("m", new CustomType(type))])),
            new AddEnumValueOperation(type, "happy"),
            new AddEnumValueOperation(type, "happy"),
            new AddEnumValueOperation(type, "meh") { Before = "ok" });
        Assert.Equal("sad,meh,ok,happy", await db.ScalarAsync<string>($"SELECT string_agg(e::text, ',') FROM unnest(enum_range(NULL::{type})) e"));
        await db.ExecuteAsync($"INSERT INTO t_{type} VALUES ('happy')");
        await using var database = db.Open();
        Assert.Equal(new EnumType(type, ValueList.Of("sad", "meh", "ok", "happy")), (await database.ReflectTableAsync("t_" + type))!.GetColumn("m").Type);
        await ApplyAsync(new DropTableOperation("t_" + type), new DropEnumTypeOperation(type));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM pg_type WHERE typname = '{type}'"));
    }

    [PgFact]
    public async Task Identity_columns_generate_values()
    {
        var table = new Table("ident_" + Guid.NewGuid().ToString("N")[..6], new Column("id", SqlType.BigInteger, primaryKey: true) { Identity = true }, new Column("v", SqlType.Text));
        await ApplyAsync(new CreateTableOperation(table));
        await db.ExecuteAsync($"INSERT INTO {table.Name} (v) VALUES ('a'), ('b')");
        Assert.Equal(2L, await db.ScalarAsync<long>($"SELECT max(id) FROM {table.Name}"));
    }
}
