using Retort.Schema;

namespace Retort.Tests.Schema;

public class TableTests
{
    [Fact]
    public void Naming_convention_names_every_constraint_and_index()
    {
        var m = new MetaData();
        var t = new Table("orders", m,
            new Column("id", SqlType.Integer, primaryKey: true),
            new Column("user_id", SqlType.Integer, references: "users.id", index: true),
            new Column("code", SqlType.String(10), unique: true),
            new CheckConstraint("id > 0"),
            new CheckConstraint("code <> ''", "code_not_empty"));
        Assert.Equal("pk_orders", t.PrimaryKey!.Name);
        Assert.Equal("fk_orders_user_id_users", Assert.Single(t.ForeignKeys).Name);
        Assert.Equal("uq_orders_code", Assert.Single(t.UniqueConstraints).Name);
        Assert.Equal("ix_orders_user_id", Assert.Single(t.Indexes).Name);
        Assert.Equal(["ck_orders_1", "ck_orders_code_not_empty"], t.CheckConstraints.Select(c => c.Name));
        Assert.Same(t, m.Find("orders"));
        Assert.False(t.GetColumn("id").Nullable);
        Assert.True(t.GetColumn("code").Nullable);
    }

    [Fact]
    public void Custom_and_empty_conventions()
    {
        var custom = new MetaData(new NamingConvention { Unique = "{table}_{column_0}_key", MaxLength = 20 });
        var t = new Table("a_rather_long_table_name", custom, new Column("some_column", SqlType.Text, unique: true));
        var name = Assert.Single(t.UniqueConstraints).Name!;
        Assert.Equal(20, name.Length);
        Assert.Equal(name, new Table("a_rather_long_table_name", new MetaData(custom.Convention), new Column("some_column", SqlType.Text, unique: true)).UniqueConstraints[0].Name);
        var none = new Table("t", null, NamingConvention.None, new Column("id", SqlType.Integer, primaryKey: true), new CheckConstraint("id > 0"));
        Assert.Null(none.PrimaryKey!.Name);
        Assert.Null(Assert.Single(none.CheckConstraints).Name);
    }

    [Fact]
    public void Equality_ignores_constraint_order_but_not_column_order()
    {
        var a = new Table("t", new Column("a", SqlType.Integer), new Column("b", SqlType.Integer), new UniqueConstraint("a"), new UniqueConstraint("b"));
        var b = new Table("t", new Column("a", SqlType.Integer), new Column("b", SqlType.Integer), new UniqueConstraint("b"), new UniqueConstraint("a"));
        var c = new Table("t", new Column("b", SqlType.Integer), new Column("a", SqlType.Integer), new UniqueConstraint("a"), new UniqueConstraint("b"));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Bad_definitions_are_refused_with_clear_messages()
    {
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new Table("t", new Column("a", SqlType.Integer), new Column("a", SqlType.Text))).Message);
        Assert.Contains("does not declare", Assert.Throws<ArgumentException>(() => new Table("t", new Column("a", SqlType.Integer), new UniqueConstraint("b"))).Message);
        Assert.Contains("table.column", Assert.Throws<ArgumentException>(() => new Table("t", new Column("a", SqlType.Integer, references: "users"))).Message);
        Assert.Contains("no column 'zz'", Assert.Throws<RetortException>(() => new Table("t", new Column("a", SqlType.Integer)).GetColumn("zz")).Message);
    }

    [Fact]
    public void Sorted_tables_put_referenced_tables_first()
    {
        var m = new MetaData();
        _ = new Table("c", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("b_id", SqlType.Integer, references: "b.id"));
        _ = new Table("b", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("a_id", SqlType.Integer, references: "a.id"));
        _ = new Table("a", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("self", SqlType.Integer, references: "a.id"));
        Assert.Equal(["a", "b", "c"], m.SortedTables.Select(t => t.Name));
    }

    [Theory]
    [InlineData(5, 5L)]
    [InlineData(5.0, 5L)]
    [InlineData(2.5, 2.5)]
    [InlineData(true, true)]
    public void Literal_defaults_are_normalised(object value, object expected) =>
        Assert.Equal(expected, ((LiteralDefault)ServerDefault.Literal(value)).Value);
}
