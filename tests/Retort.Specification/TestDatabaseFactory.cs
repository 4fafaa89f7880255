using System.Collections.Concurrent;
using Retort.Connections;

namespace Retort.Specification;

/// <summary>
/// Makes the databases of one dialect for the tests: the one place a test project says how to get a fresh
/// database, a never-connected one for offline scripts, and whether its server can be had at all. Each dialect's
/// test project implements it once; a suite is subclassed with it as its type argument
/// (<c>class SqliteOperationBehaviourTests : OperationSpecification&lt;SqliteDatabaseFactory&gt;</c>).
/// </summary>
public abstract class TestDatabaseFactory
{
    private static readonly ConcurrentDictionary<Type, TestDatabaseFactory> Instances = new();

    /// <summary>The dialect's name, as <c>Dialect.Name</c> says it (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public abstract string Dialect { get; }

    /// <summary>
    /// Why this dialect's tests are skipped on this machine, or null when they run. Only a dialect whose server can
    /// be missing on a developer machine ever says why, through <see cref="SkipRule.MissingServer(string, bool, string)"/>; SQLite never skips.
    /// </summary>
    public virtual string? SkipReason => null;

    /// <summary>A fresh, empty database, removed when the returned object is disposed.</summary>
    public abstract Task<TestDatabase> CreateAsync();

    /// <summary>A database object of the dialect for offline rendering: never connected.</summary>
    public abstract Database OpenOffline();

    /// <summary>The one instance of <typeparamref name="TFactory"/>.</summary>
    public static TFactory Get<TFactory>() where TFactory : TestDatabaseFactory, new() =>
        (TFactory)Instances.GetOrAdd(typeof(TFactory), _ => new TFactory());

    /// <summary>
    /// The factory a test class runs with: the first type argument of its base classes that is a factory
    /// (<c>OperationSpecification&lt;SqliteDatabaseFactory&gt;</c>), or null for a class that names none.
    /// </summary>
    public static TestDatabaseFactory? ForTestClass(Type testClass)
    {
        for (var type = testClass; type is not null; type = type.BaseType)
        {
            if (!type.IsGenericType) continue;
            var factory = type.GetGenericArguments().FirstOrDefault(a => a.IsSubclassOf(typeof(TestDatabaseFactory)) && !a.IsAbstract);
            if (factory is not null) return Instances.GetOrAdd(factory, t => (TestDatabaseFactory)Activator.CreateInstance(t)!);
        }
        return null;
    }
}
