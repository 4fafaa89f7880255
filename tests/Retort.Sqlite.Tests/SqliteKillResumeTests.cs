using Retort.Behaviour;
using Retort.Behaviour.Data;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared kill-and-resume suite on SQLite files.</summary>
public sealed class SqliteKillResumeTests : KillResumeBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());
}
