using Retort.Behaviour;
using Retort.Connections;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared suite of statements outside the revision's transaction, on SQLite files.</summary>
public sealed class SqliteOutsideTransactionBehaviourTests : OutsideTransactionBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());

    protected override Database OfflineDatabase() => Database.Open("sqlite:///offline-never-opened.db");
}
