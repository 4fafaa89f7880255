using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Retort.Dialects;

/// <summary>
/// The lock that keeps concurrent migration runs on one database apart. The default takes none: the runner
/// then re-reads the version table inside every revision's transaction, whose write lock orders the runs.
/// </summary>
public class MigrationLock
{
    /// <summary>
    /// True when <c>AcquireAsync</c> keeps every other migration run out for the whole run (PostgreSQL's
    /// advisory lock). The runner then trusts the heads it read under the lock instead of reading the version
    /// table again before every revision.
    /// </summary>
    public virtual bool IsExclusive => false;

    /// <summary>Takes the lock, waiting at most <paramref name="timeout"/>; disposing the result releases it.</summary>
    public virtual Task<IAsyncDisposable> AcquireAsync(DbConnection connection, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <summary>
    /// Takes the lock for the runs whose version table is in <paramref name="versionSchema"/> (null: the session's
    /// default), so runs on the version tables of different schemas of one database (schema-per-tenant) do not wait for
    /// each other; the default ignores the schema.
    /// </summary>
    public virtual Task<IAsyncDisposable> AcquireAsync(DbConnection connection, TimeSpan timeout, string? versionSchema, ILogger logger, CancellationToken cancellationToken) =>
        AcquireAsync(connection, timeout, logger, cancellationToken);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
