using System.Reflection;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Specification;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// One skip rule for every PostgreSQL test: the specification suites' tests are all discovered through it (a plain
/// [Fact] in a suite failed without a server instead of being skipped), every suite is subclassed here with
/// PostgreSQL's factory, and the rule skips loudly outside CI and never in CI.
/// </summary>
public sealed class SkipRuleTests
{
    private static IEnumerable<Type> SuiteClasses() =>
        typeof(Specification<>).Assembly.GetTypes().Concat(typeof(SkipRuleTests).Assembly.GetTypes()).Where(IsSuite);

    private static bool IsSuite(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Specification<>)) return true;
        return false;
    }

    [Fact]
    public void Every_test_of_a_suite_is_discovered_through_the_skip_rule()
    {
        var tests = SuiteClasses()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FactAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();
        Assert.NotEmpty(tests);
        Assert.Empty(tests.Where(m => m.Attribute is not (SpecFactAttribute or SpecTheoryAttribute)).Select(m => $"{m.Method.DeclaringType!.Name}.{m.Method.Name}"));
    }

    [Fact]
    public void Every_suite_is_run_here_with_the_postgresql_factory()
    {
        var subclasses = typeof(SkipRuleTests).Assembly.GetTypes().Where(t => IsSuite(t) && !t.IsAbstract).ToList();
        var suites = typeof(Specification<>).Assembly.GetTypes().Where(t => t.IsAbstract && t.IsGenericTypeDefinition && IsSuite(t)).ToList();
        Assert.NotEmpty(suites);
        Assert.Empty(suites.Where(s => !subclasses.Any(c => c.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == s)).Select(s => s.Name));
        Assert.All(subclasses, t => Assert.IsType<PostgreSqlDatabaseFactory>(TestDatabaseFactory.ForTestClass(t)));
        Assert.Null(TestDatabaseFactory.ForTestClass(typeof(SkipRuleTests)));
    }

    [Fact]
    public void A_missing_server_is_a_loud_skip_outside_ci_and_never_a_skip_in_ci()
    {
        Assert.Equal("SKIPPED: NO POSTGRESQL SERVER. Install it; in CI (CI=true) this is a failure.", SkipRule.MissingServer("PostgreSQL", false, "Install it", inCI: false));
        Assert.Null(SkipRule.MissingServer("PostgreSQL", false, "Install it", inCI: true));
        Assert.Null(SkipRule.MissingServer("PostgreSQL", true, "Install it", inCI: false));
    }
}
