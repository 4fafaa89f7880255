using Retort.Connections;
using Retort.Specification;

namespace Retort.Sqlite.Tests.Support;

/// <summary>SQLite's databases for the specification suites: a file in a fresh temporary folder. SQLite never skips.</summary>
public sealed class SqliteDatabaseFactory : TestDatabaseFactory
{
    public override string Dialect => "sqlite";

    public override Task<TestDatabase> CreateAsync() => Task.FromResult<TestDatabase>(new TempDatabase());

    public override Database OpenOffline() => Database.Open("sqlite:///offline-never-opened.db");
}
