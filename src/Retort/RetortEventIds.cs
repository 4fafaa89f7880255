using Microsoft.Extensions.Logging;

namespace Retort;

/// <summary>
/// The event ids of Retort's log entries, one per kind of entry, stable across versions, so a log pipeline can
/// select or alert on them without reading the text. Ranges by category: 1xxx <see cref="RetortLogCategories.Runner"/>,
/// 2xxx <see cref="RetortLogCategories.Sql"/>, 3xxx <see cref="RetortLogCategories.Lock"/>, 4xxx
/// <see cref="RetortLogCategories.Data"/>, 5xxx <see cref="RetortLogCategories.Hosting"/>.
/// </summary>
public static class RetortEventIds
{
    /// <summary>A revision starts (<c>Running upgrade 1a2b: add users</c>), at Information.</summary>
    public static readonly EventId RevisionStarting = new(1001, nameof(RevisionStarting));

    /// <summary>A revision committed (or was skipped because another run applied it), at Debug.</summary>
    public static readonly EventId RevisionCompleted = new(1002, nameof(RevisionCompleted));

    /// <summary>A C# code step of a revision runs, at Information.</summary>
    public static readonly EventId CodeStep = new(1003, nameof(CodeStep));

    /// <summary>What a failed run left could not be removed (it stays; the next run copes with it), at Warning.</summary>
    public static readonly EventId CleanupFailed = new(1004, nameof(CleanupFailed));

    /// <summary>A progress handler threw; the run goes on, at Warning.</summary>
    public static readonly EventId ProgressHandlerFailed = new(1005, nameof(ProgressHandlerFailed));

    /// <summary>A statement that changes the database (DDL, DML, savepoints, version and history rows), at Debug.</summary>
    public static readonly EventId Statement = new(2001, nameof(Statement));

    /// <summary>A statement that only reads (the version table, the catalogue, a data step's next keys), at Debug.</summary>
    public static readonly EventId Query = new(2002, nameof(Query));

    /// <summary>BEGIN, COMMIT or ROLLBACK, at Debug.</summary>
    public static readonly EventId Transaction = new(2003, nameof(Transaction));

    /// <summary>The statement of one batch of a data step (one entry per batch), at Debug.</summary>
    public static readonly EventId BatchStatement = new(2004, nameof(BatchStatement));

    /// <summary>Waiting for another migration run to release the migration lock, at Warning (repeated every few seconds).</summary>
    public static readonly EventId LockWaiting = new(3001, nameof(LockWaiting));

    /// <summary>The migration lock was taken after a wait, at Information.</summary>
    public static readonly EventId LockAcquired = new(3002, nameof(LockAcquired));

    /// <summary>A statement, batch or copy step could not get a table lock in time; it is tried again after a backoff, at Warning.</summary>
    public static readonly EventId LockRetry = new(3003, nameof(LockRetry));

    /// <summary>An index left invalid by an interrupted concurrent build is dropped and built again, at Warning.</summary>
    public static readonly EventId IndexRebuilt = new(3004, nameof(IndexRebuilt));

    /// <summary>A batch of a data step committed with its checkpoint, at Debug.</summary>
    public static readonly EventId BatchCommitted = new(4001, nameof(BatchCommitted));

    /// <summary>An atomic data step ran inside the revision's transaction, at Information.</summary>
    public static readonly EventId DataStepCompleted = new(4002, nameof(DataStepCompleted));

    /// <summary>A copy-and-swap backfill swapped its copy in, at Information.</summary>
    public static readonly EventId TableSwapped = new(4003, nameof(TableSwapped));

    /// <summary>A replica replays too far behind; the next batch waits, at Information.</summary>
    public static readonly EventId ReplicaLagging = new(4004, nameof(ReplicaLagging));

    /// <summary>Migrate-on-start begins, at Information.</summary>
    public static readonly EventId MigrateOnStartStarting = new(5001, nameof(MigrateOnStartStarting));

    /// <summary>Migrate-on-start finished (with the revisions it applied), at Information.</summary>
    public static readonly EventId MigrateOnStartCompleted = new(5002, nameof(MigrateOnStartCompleted));

    /// <summary>Migrate-on-start failed; the application does not start, at Critical.</summary>
    public static readonly EventId MigrateOnStartFailed = new(5003, nameof(MigrateOnStartFailed));
}
