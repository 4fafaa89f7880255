using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.Connections;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared data migration suite on SQLite files.</summary>
public sealed class SqliteDataMigrationBehaviourTests : DataMigrationBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());

    protected override Database OfflineDatabase() => Database.Open("sqlite:///offline-never-opened.db");
}
