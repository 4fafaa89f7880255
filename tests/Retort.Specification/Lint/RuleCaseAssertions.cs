using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Specification.Lint;

/// <summary>The checks every rule case goes through, for a dialect.</summary>
public static class RuleCaseAssertions
{
    /// <summary>The table the plan creates first in the "new table" variant: the case's table with an id.</summary>
    private static CreateTableOperation Create(string table) =>
        new(new Table(table, new Column("id", SqlType.BigInteger, primaryKey: true), new Column("email", SqlType.Text), new Column("balance", SqlType.Integer)));

    private static ExecuteSqlOperation Sql(RuleCase c, string sql) => new(sql) { OutsideTransaction = c.OutsideTransaction };

    /// <summary>The rule finds the operation's hazard and names the table.</summary>
    public static void FindsTheOperation(Dialect dialect, RuleCase c)
    {
        if (c.Operation is null) return;
        var found = LintHarness.Run(dialect, [c.Operation], c.ServerVersion).Where(f => f.Rule.Id == c.Id).ToList();
        Assert.True(found.Count > 0, $"{c.Id} found nothing in {c.Operation.Describe()}.");
        Assert.Contains(c.Table, found[0].Message, StringComparison.Ordinal);
    }

    /// <summary>The rule finds the SQL's hazard and names the table.</summary>
    public static void FindsTheSql(Dialect dialect, RuleCase c)
    {
        if (c.Sql is null) return;
        var found = LintHarness.Run(dialect, [Sql(c, c.Sql)], c.ServerVersion).Where(f => f.Rule.Id == c.Id).ToList();
        Assert.True(found.Count > 0, $"{c.Id} found nothing in: {c.Sql}");
        Assert.Contains(c.Table, found[0].Message, StringComparison.Ordinal);
    }

    /// <summary>The rule finds nothing when the SQL is inside a comment or a string literal.</summary>
    public static void IgnoresCommentsAndStrings(Dialect dialect, RuleCase c)
    {
        if (c.Sql is null) return;
        var oneLine = c.Sql.Replace('\n', ' ');
        var plan = new MigrationOperation[]
        {
            Sql(c, "-- " + oneLine + "\nSELECT 1"),
            Sql(c, "/* " + c.Sql + " */ SELECT 1"),
            Sql(c, "SELECT '" + c.Sql.Replace("'", "''") + "'"),
            Sql(c, "INSERT INTO notes (body) VALUES ('" + c.Sql.Replace("'", "''") + "')"),
        };
        var found = LintHarness.Run(dialect, plan, c.ServerVersion).Where(f => f.Rule.Id == c.Id).ToList();
        Assert.True(found.Count == 0, $"{c.Id} found its hazard inside a comment or string: {string.Join(" | ", found.Select(f => f.Message))}");
    }

    /// <summary>The rule finds nothing on a table the plan created before (unless it is advice that holds for new tables).</summary>
    public static void QuietOnANewTable(Dialect dialect, RuleCase c)
    {
        if (c.FindsOnNewTables) return;
        foreach (var hazard in new MigrationOperation?[] { c.Operation, c.Sql is null ? null : Sql(c, c.Sql) }.OfType<MigrationOperation>())
        {
            var found = LintHarness.Run(dialect, [Create(c.Table), hazard], c.ServerVersion).Where(f => f.Rule.Id == c.Id).ToList();
            Assert.True(found.Count == 0, $"{c.Id} found a hazard on {c.Table}, which the plan created: {string.Join(" | ", found.Select(f => f.Message))}");
        }
        if (c.Sql is not null)
        {
            var created = LintHarness.Run(dialect, [Sql(c, $"CREATE TABLE {c.Table} (id bigint PRIMARY KEY, email text, balance integer);\n{c.Sql}")], c.ServerVersion)
                .Where(f => f.Rule.Id == c.Id).ToList();
            Assert.True(created.Count == 0, $"{c.Id} found a hazard on {c.Table}, which an earlier statement created: {string.Join(" | ", created.Select(f => f.Message))}");
        }
    }

    /// <summary>The rule finds nothing in the safe form.</summary>
    public static void QuietOnTheSafeForm(Dialect dialect, RuleCase c)
    {
        Assert.True(c.SafeSql is not null || c.SafeOperation is not null, $"{c.Id} has no safe form to check.");
        foreach (var safe in new MigrationOperation?[] { c.SafeOperation, c.SafeSql is null ? null : new ExecuteSqlOperation(c.SafeSql) }.OfType<MigrationOperation>())
        {
            var found = LintHarness.Run(dialect, [safe], c.ServerVersion).Where(f => f.Rule.Id == c.Id).ToList();
            Assert.True(found.Count == 0, $"{c.Id} found a hazard in the safe form {safe.Describe()}: {string.Join(" | ", found.Select(f => f.Message))}");
        }
    }
}
