using Retort.Sqlite.Tests.Support;
using Retort.Behaviour;

namespace Retort.Sqlite.Tests;

/// <summary>The shared autogenerate suite on SQLite files.</summary>
public sealed class SqliteAutogenerateBehaviourTests : AutogenerateBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());
}
