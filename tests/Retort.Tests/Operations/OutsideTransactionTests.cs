using Retort.Environments;
using Retort.Migrations;
using Retort.Operations;
using Retort.Runner;

namespace Retort.Tests.Operations;

/// <summary>
/// Statements that run outside the revision's transaction: <c>op.OutsideTransaction</c>, <c>op.Execute(…,
/// outsideTransaction: true)</c> and the <c>-- retort:no-transaction</c> line of a SQL revision build the same
/// operations, one per statement, and plans written before the flag existed keep their checksums.
/// </summary>
public sealed class OutsideTransactionTests
{
    [Fact]
    public void A_block_marks_each_statement_and_splits_text_holding_several()
    {
        var op = new Op();
        op.Execute("CREATE TABLE t (a int)");
        op.OutsideTransaction(o =>
        {
            o.Execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON t (a); VACUUM t");
            o.CreateIndex("ix_b", "t", ["a"], concurrently: true);
        });
        op.Execute("ANALYZE t", outsideTransaction: true, reverseSql: "SELECT 1");
        Assert.Equal(5, op.Plan.Count);
        Assert.False(((ExecuteSqlOperation)op.Plan[0]).OutsideTransaction);
        Assert.Equal(["CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON t (a)", "VACUUM t"],
            op.Plan.Skip(1).Take(2).Cast<ExecuteSqlOperation>().Select(e => e.Sql));
        Assert.All(op.Plan.Skip(1).Take(2).Cast<ExecuteSqlOperation>(), e => Assert.True(e.OutsideTransaction));
        Assert.IsType<CreateIndexOperation>(op.Plan[3]);
        var analyze = (ExecuteSqlOperation)op.Plan[4];
        Assert.True(analyze.OutsideTransaction);
        Assert.True(((ExecuteSqlOperation)analyze.Reverse()).OutsideTransaction);
        Assert.EndsWith("(outside the transaction)", analyze.Describe());
        Assert.Equal("op.Execute(\"VACUUM\", outsideTransaction: true);\n",
            Retort.Autogenerate.MigrationCodeWriter.Write([new ExecuteSqlOperation("VACUUM") { OutsideTransaction = true }], indent: ""));
    }

    [Fact]
    public void A_block_refuses_operations_that_belong_in_the_transaction()
    {
        var e = Assert.Throws<ArgumentException>(() => new Op().OutsideTransaction(o => o.DropTable("t")));
        Assert.Contains("cannot go in an OutsideTransaction block", e.Message);
        var several = Assert.Throws<ArgumentException>(() => new Op().Execute("VACUUM a; VACUUM b", reverseSql: "SELECT 1", outsideTransaction: true));
        Assert.Contains("must hold one statement", several.Message);
    }

    [Fact]
    public void The_flag_leaves_checksums_of_plans_written_before_it_unchanged()
    {
        // Computed by the release before OutsideTransaction and Atomic existed: applied revisions must not turn "edited".
        var plan = new MigrationOperation[]
        {
            new ExecuteSqlOperation("CREATE INDEX ix ON t (a)") { ReverseSql = "DROP INDEX ix" },
            new BackfillOperation("items", "a = 1") { Where = "a IS NULL" },
        };
        Assert.Equal("85012a6e8cf4e04feb9a8ba5d6e812c48986e50f61a200afdb432380d9dd0fc6", PlanFingerprint.Compute(plan));
        Assert.NotEqual(PlanFingerprint.Compute(plan), PlanFingerprint.Compute([((ExecuteSqlOperation)plan[0]) with { OutsideTransaction = true }, plan[1]]));
    }

    private static IReadOnlyList<MigrationOperation> Upgrade(string section)
    {
        var revision = SqlRevisionFile.Parse("-- retort:revision r1\n-- retort:upgrade\n" + section + "\n-- retort:downgrade\nSELECT 1;\n", "r1.sql");
        var op = new Op();
        revision.Script.BuildUpgrade(op);
        return op.Plan;
    }

    [Fact]
    public void A_no_transaction_line_marks_the_statement_after_it_and_is_left_out_of_its_text()
    {
        var plan = Upgrade("""
            CREATE TABLE t (a int);
            -- builds without blocking writers
            --retort: no-transaction
            CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON t (a);
            INSERT INTO t VALUES (1);
            """);
        Assert.Equal(3, plan.Count);
        var index = Assert.IsType<ExecuteSqlOperation>(plan[1]);
        Assert.True(index.OutsideTransaction);
        Assert.Equal("-- builds without blocking writers\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON t (a)", index.Sql.Replace("\r\n", "\n"));
        Assert.False(((ExecuteSqlOperation)plan[0]).OutsideTransaction);
        Assert.False(((ExecuteSqlOperation)plan[2]).OutsideTransaction);
    }

    [Theory]
    [InlineData("CREATE TABLE t (a int);\n-- retort:no-transaction\n", "1 '-- retort:no-transaction' line(s) but 0 statement(s)")]
    [InlineData("-- retort:no-transaction\n-- retort:no-transaction\nVACUUM;", "2 '-- retort:no-transaction' line(s) but 1 statement(s)")]
    [InlineData("-- retort:no-transaction now\nVACUUM;", "takes no options")]
    [InlineData("-- retort:no-transaction\n-- retort:batched\nUPDATE t SET a = 1;", "both a '-- retort:batched' and a '-- retort:no-transaction' line")]
    public void A_misplaced_or_malformed_no_transaction_line_is_refused(string section, string message)
    {
        var e = Assert.Throws<RetortException>(() => Upgrade(section));
        Assert.Contains(message, e.Message);
        Assert.Contains("r1.sql", e.Message);
    }

    [Fact]
    public void A_no_transaction_line_in_the_header_is_refused_with_its_line()
    {
        var e = Assert.Throws<RevisionFileException>(() => SqlRevisionFile.Parse("-- retort:revision r1\n-- retort:no-transaction\n-- retort:upgrade\nVACUUM;\n", "r1.sql"));
        Assert.Contains("belongs in the upgrade or downgrade section", e.Message);
    }
}
