using Retort.Behaviour;
using Retort.Connections;

namespace Retort.Sqlite.Tests.Support;

/// <summary>The behaviour suite's database on a temporary SQLite file.</summary>
public sealed class SqliteBehaviourDatabase : IBehaviourDatabase
{
    private readonly TempDatabase _db = new();
    public Database Database => _db.Database;
    public string Url => _db.Url;
    public Task ExecAsync(string sql) { _db.Exec(sql); return Task.CompletedTask; }
    public Task<List<object?[]>> QueryAsync(string sql) => Task.FromResult(_db.Query(sql));
    public Task AssertConsistentAsync() { _db.AssertIntegrity(); return Task.CompletedTask; }
    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
