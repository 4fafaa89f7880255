using Retort.Behaviour;
using Retort.Connections;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>The shared operation behaviour suite on SQLite files.</summary>
public sealed class SqliteOperationBehaviourTests : OperationBehaviourTests
{
    protected override Task<IBehaviourDatabase> CreateDatabaseAsync() => Task.FromResult<IBehaviourDatabase>(new SqliteBehaviourDatabase());

    private sealed class SqliteBehaviourDatabase : IBehaviourDatabase
    {
        private readonly TempDatabase _db = new();
        public Database Database => _db.Database;
        public string Url => _db.Url;
        public Task ExecAsync(string sql) { _db.Exec(sql); return Task.CompletedTask; }
        public Task<List<object?[]>> QueryAsync(string sql) => Task.FromResult(_db.Query(sql));
        public Task AssertConsistentAsync() { _db.AssertIntegrity(); return Task.CompletedTask; }
        public ValueTask DisposeAsync() => _db.DisposeAsync();
    }
}
