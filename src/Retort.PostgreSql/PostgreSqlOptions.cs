namespace Retort.PostgreSql;

/// <summary>
/// Safety settings of the PostgreSQL dialect: how long a DDL statement may wait for its lock, how often it is
/// retried, and how migration runs keep apart. URL settings (<c>?lock_timeout=2s&amp;statement_timeout=1min</c>)
/// take precedence over these per connection.
/// </summary>
public sealed record PostgreSqlOptions
{
    /// <summary>
    /// <c>lock_timeout</c> of every connection Retort opens (default 500 ms): a DDL statement queued behind a long
    /// transaction gives up after this long instead of stalling every query queued behind it. Every application
    /// query that arrives meanwhile waits at most this long behind it.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>statement_timeout</c> of every connection Retort opens; null leaves the server's setting.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>
    /// How many times a statement or batch that hit its lock timeout is retried before the revision fails; null (the
    /// default) leaves the bound to <see cref="LockWaitBudget"/>.
    /// </summary>
    public int? LockRetries { get; init; }

    /// <summary>
    /// The shortest delay between two tries (default 2.5 s, five times <see cref="LockTimeout"/>): while a blocker
    /// lasts, the table is blocked for one lock timeout per try, so a delay of at least five timeouts keeps it free
    /// at least five sixths of the time. Delays grow from it with decorrelated jitter (each one drawn between this
    /// and three times the one before), and are never shorter than five times the failed try's own wait, whatever
    /// the <c>lock_timeout</c> (a URL may set a longer one), up to <see cref="RetryMaxDelay"/>.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Upper bound of the delay between tries (default 15 s).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The bound on the total time one statement or batch spends waiting for its locks, tries and delays together
    /// (default 2 min). Past it the revision fails with an error that says how long it waited, how many tries it
    /// made and which sessions blocked it; null: only <see cref="LockRetries"/> bounds the wait.
    /// </summary>
    public TimeSpan? LockWaitBudget { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Key of the session advisory lock that keeps concurrent migration runs on one database apart.</summary>
    public long AdvisoryLockKey { get; init; } = 0x5265746F7274; // "Retort" in ASCII

    /// <summary>How often a waiting run polls for the advisory lock.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
