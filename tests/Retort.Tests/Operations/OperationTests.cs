using Retort.Migrations;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Tests.Operations;

public class OperationTests
{
    private static readonly Table Users = new("users",
        new Column("id", SqlType.Integer, primaryKey: true),
        new Column("name", SqlType.String(50), index: true),
        new CheckConstraint("length(name) > 0", "name_len"));

    [Fact]
    public void Every_reversible_operation_round_trips_through_its_reverse()
    {
        var ops = new MigrationOperation[]
        {
            new CreateTableOperation(Users),
            new RenameTableOperation("users", "people"),
            new AddColumnOperation("users", new Column("email", SqlType.Text)),
            new AlterColumnOperation("users", "name") { NewName = "full_name", NewType = SqlType.Text, ExistingType = SqlType.String(50) },
            new CreateIndexOperation("users", new TableIndex("ix_x", "name")),
            new AddConstraintOperation("users", new UniqueConstraint(ValueList.Of("name"), "uq_name")),
            new ExecuteSqlOperation("UPDATE users SET name = 'x'") { ReverseSql = "UPDATE users SET name = 'y'" },
        };
        foreach (var op in ops)
        {
            Assert.True(op.IsReversible, op.Describe());
            Assert.Equal(op, op.Reverse().Reverse());
        }
    }

    [Fact]
    public void Operations_without_their_previous_state_are_irreversible()
    {
        MigrationOperation[] ops =
        [
            new DropTableOperation("users"), new DropColumnOperation("users", "name"),
            new AlterColumnOperation("users", "name") { NewType = SqlType.Text },
            new DropIndexOperation("users", "ix"), new DropConstraintOperation("users", "ck"),
            new ExecuteSqlOperation("DELETE FROM users"),
        ];
        foreach (var op in ops)
        {
            Assert.False(op.IsReversible);
            var e = Assert.Throws<IrreversibleOperationException>(() => op.Reverse());
            Assert.Contains(op.Describe(), e.Message);
        }
    }

    [Fact]
    public void Apply_to_a_table_follows_renames_into_constraints_and_indexes()
    {
        var renamed = new AlterColumnOperation("users", "name") { NewName = "full_name" }.ApplyTo(Users);
        Assert.Equal(["id", "full_name"], renamed.Columns.Select(c => c.Name));
        Assert.Equal(["full_name"], Assert.Single(renamed.Indexes).Columns);
        Assert.Equal("length(\"full_name\") > 0", Assert.Single(renamed.CheckConstraints).Expression);

        var dropped = new DropColumnOperation("users", "name").ApplyTo(Users);
        Assert.Empty(dropped.Indexes);
        Assert.Empty(dropped.CheckConstraints);
        Assert.Throws<RetortException>(() => new AddColumnOperation("users", new Column("id", SqlType.Integer)).ApplyTo(Users));
    }

    [Theory]
    [InlineData("a > 0 AND 'a' <> b", "a", "x", "\"x\" > 0 AND 'a' <> b")]
    [InlineData("qty > 0", "qty", "order", "\"order\" > 0")]
    [InlineData("qty > 0", "qty", "say \"hi\"", "\"say \"\"hi\"\"\" > 0")]
    [InlineData("\"a\" = aa", "a", "x", "\"x\" = aa")]
    [InlineData("t.a = 1", "a", "x", "t.a = 1")]
    public void Identifier_rename_in_sql_text(string sql, string from, string to, string expected) =>
        Assert.Equal(expected, SqlText.RenameIdentifier(sql, from, to));

    [Fact]
    public void Default_downgrade_reverses_the_upgrade_plan()
    {
        var op = new Op();
        new TwoSteps().Downgrade(op);
        Assert.Equal(["alter column users.full_name: rename to name", "drop column users.email"], op.Plan.Select(o => o.Describe()));
    }

    [Fact]
    public void Plan_fingerprint_changes_with_the_plan_only()
    {
        var a = new Op(); new TwoSteps().Upgrade(a);
        var b = new Op(); new TwoSteps().Upgrade(b);
        Assert.Equal(PlanFingerprint.Compute(a.Plan), PlanFingerprint.Compute(b.Plan));
        b.Execute("SELECT 1");
        Assert.NotEqual(PlanFingerprint.Compute(a.Plan), PlanFingerprint.Compute(b.Plan));
    }

    [Fact]
    public void Op_facade_validates_its_arguments()
    {
        var op = new Op();
        Assert.Throws<ArgumentException>(() => op.AlterColumn("t", "c"));
        Assert.Throws<ArgumentException>(() => op.BulkInsert("t", [new { a = 1 }, new { b = 2 }]));
        op.BulkInsert("t", [new { a = 1, b = "x" }, new Dictionary<string, object?> { ["a"] = 2, ["b"] = null }]);
        var insert = Assert.IsType<BulkInsertOperation>(op.Plan.Single());
        Assert.Equal(["a", "b"], insert.Columns);
        Assert.Equal(2, insert.Rows.Count);
    }

    [Revision("abc", Message = "two steps")]
    private sealed class TwoSteps : Migration
    {
        public override void Upgrade(Op op)
        {
            op.AddColumn("users", new Column("email", SqlType.Text));
            op.AlterColumn("users", "name", newColumnName: "full_name");
        }
    }
}

public class SqlCanonicalTests
{
    [Theory]
    [InlineData("i32 > -100", "((i32 > '-100'::integer))")]
    [InlineData("name <> ''", "((name)::text <> ''::text)")]
    [InlineData("\"Amount\" >= 0 AND flag = true", "((amount >= 0) AND (flag = true))")]
    [InlineData("created > CURRENT_TIMESTAMP", "(created > CURRENT_TIMESTAMP::timestamp with time zone)")]
    public void Spellings_a_database_prints_back_compare_equal(string written, string printed)
        => Assert.Equal(Retort.Operations.SqlText.Canonical(written), Retort.Operations.SqlText.Canonical(printed));

    [Fact]
    public void Different_expressions_stay_different()
    {
        Assert.NotEqual(Retort.Operations.SqlText.Canonical("a > 1"), Retort.Operations.SqlText.Canonical("a > 2"));
        Assert.NotEqual(Retort.Operations.SqlText.Canonical("name = 'X'"), Retort.Operations.SqlText.Canonical("name = 'x'"));
    }
}
