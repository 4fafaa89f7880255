using Retort.Connections;

namespace Retort.Specification;

/// <summary>
/// The base of every specification suite: a suite is an abstract class written once; each dialect's test project
/// subclasses it with its <see cref="TestDatabaseFactory"/> (EF Core's <c>MigrationsTestBase</c> pattern), and xUnit runs
/// the suite's tests once per subclass.
/// </summary>
/// <typeparam name="TFactory">The dialect's database factory.</typeparam>
public abstract class Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    /// <summary>The dialect's database factory.</summary>
    protected static TFactory Factory => TestDatabaseFactory.Get<TFactory>();

    /// <summary>The dialect's name (<c>sqlite</c>, <c>postgresql</c>).</summary>
    protected static string Dialect => Factory.Dialect;

    /// <summary>A fresh empty database of the dialect under test.</summary>
    protected static Task<TestDatabase> CreateDatabaseAsync() => Factory.CreateAsync();

    /// <summary>A database object of the dialect under test for offline rendering (never connected).</summary>
    protected static Database OfflineDatabase() => Factory.OpenOffline();
}
