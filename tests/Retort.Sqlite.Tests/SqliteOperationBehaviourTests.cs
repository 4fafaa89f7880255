using Retort.Behaviour;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared operation behaviour suite on SQLite files.</summary>
public sealed class SqliteOperationBehaviourTests : OperationBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());
}
