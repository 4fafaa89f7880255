using Retort.Behaviour;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared version-table and edited-revision suite on SQLite files.</summary>
public sealed class SqliteVersionStateBehaviourTests : VersionStateBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());
}
