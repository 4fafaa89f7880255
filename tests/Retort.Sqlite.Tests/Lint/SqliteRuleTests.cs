using Retort.Specification.Lint;

namespace Retort.Sqlite.Tests.Lint;

/// <summary>
/// Every rule of the SQLite dialect, without a database: it finds its hazard in a C# operation and in SQL, not inside a
/// comment or a string, not on a table the plan created, and not in the safe form.
/// </summary>
public sealed class SqliteRuleTests
{
    private static readonly SqliteDialect Dialect = new();

    private static RuleCase Case(string id) => CommonRuleCases.All.Concat(SqliteRuleCases.All).Single(c => c.Id == id);

    /// <summary>The id of every rule the dialect lists.</summary>
    public static TheoryData<string> Rules()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Dialect.Lint.Rules) data.Add(rule.Id);
        return data;
    }

    [Theory, MemberData(nameof(Rules))]
    public void Finds_the_hazard_in_an_operation(string id) => RuleCaseAssertions.FindsTheOperation(Dialect, Case(id));

    [Theory, MemberData(nameof(Rules))]
    public void Finds_the_hazard_in_sql(string id) => RuleCaseAssertions.FindsTheSql(Dialect, Case(id));

    [Theory, MemberData(nameof(Rules))]
    public void Finds_nothing_in_comments_and_strings(string id) => RuleCaseAssertions.IgnoresCommentsAndStrings(Dialect, Case(id));

    [Theory, MemberData(nameof(Rules))]
    public void Finds_nothing_on_a_table_the_plan_created(string id) => RuleCaseAssertions.QuietOnANewTable(Dialect, Case(id));

    [Theory, MemberData(nameof(Rules))]
    public void Finds_nothing_in_the_safe_form(string id) => RuleCaseAssertions.QuietOnTheSafeForm(Dialect, Case(id));

    [Fact]
    public void Every_rule_has_a_case_with_its_hazard()
    {
        foreach (var rule in Dialect.Lint.Rules)
            Assert.True(Case(rule.Id) is { } c && (c.Sql is not null || c.Operation is not null), $"{rule.Id} has no case.");
    }
}
