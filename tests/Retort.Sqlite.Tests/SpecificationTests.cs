using System.Reflection;
using Retort.Specification;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>Every suite of the specification is subclassed here with SQLite's factory, and SQLite never skips.</summary>
public sealed class SpecificationTests
{
    private static Type? Suite(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Specification<>)) return t.GetGenericTypeDefinition();
        return null;
    }

    [Fact]
    public void Every_suite_is_run_on_sqlite_and_never_skipped()
    {
        var suites = typeof(Specification<>).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsGenericTypeDefinition && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Specification<>))
            .ToList();
        Assert.NotEmpty(suites);
        var here = typeof(SpecificationTests).Assembly.GetTypes().Where(t => !t.IsAbstract && Suite(t) is not null).ToList();
        Assert.Empty(suites.Except(here.Select(t => Suite(t)!)).Select(t => t.Name));
        Assert.All(here, t => Assert.IsType<SqliteDatabaseFactory>(TestDatabaseFactory.ForTestClass(t)));
        Assert.Null(TestDatabaseFactory.Get<SqliteDatabaseFactory>().SkipReason);
    }
}
