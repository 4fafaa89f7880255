using Retort.Connections;

namespace Retort.Behaviour;

/// <summary>
/// A fresh, empty database of one dialect for one test. The behaviour suite is written once against this
/// interface and run by every dialect's test project.
/// </summary>
public interface IBehaviourDatabase : IAsyncDisposable
{
    /// <summary>The database under test.</summary>
    Database Database { get; }

    /// <summary>A URL for opening more connections (concurrency tests).</summary>
    string Url { get; }

    /// <summary>Runs SQL (one or more statements) outside Retort.</summary>
    Task ExecAsync(string sql);

    /// <summary>Runs a query outside Retort.</summary>
    Task<List<object?[]>> QueryAsync(string sql);

    /// <summary>Checks the database's own consistency (SQLite: integrity and foreign key checks).</summary>
    Task AssertConsistentAsync();
}
