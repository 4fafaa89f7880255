using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared suite of partly applied revisions, on SQLite files.</summary>
public sealed class SqlitePartialRevisionBehaviourTests : PartialRevisionBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());
}
