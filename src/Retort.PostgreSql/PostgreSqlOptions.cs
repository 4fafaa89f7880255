namespace Retort.PostgreSql;

/// <summary>
/// Safety settings of the PostgreSQL dialect: how long a DDL statement may wait for its lock, how often it is
/// retried, and how migration runs keep apart. URL settings (<c>?lock_timeout=2s&amp;statement_timeout=1min</c>)
/// take precedence over these per connection.
/// </summary>
public sealed record PostgreSqlOptions
{
    /// <summary>
    /// <c>lock_timeout</c> of every connection Retort opens (default 5 s): a DDL statement queued behind a long
    /// transaction gives up after this long instead of stalling every query queued behind it.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>statement_timeout</c> of every connection Retort opens; null leaves the server's setting.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>How many times a DDL statement that hit its lock timeout is retried before the revision fails.</summary>
    public int LockRetries { get; init; } = 8;

    /// <summary>Delay before the first retry; it doubles with every further retry.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the delay between retries.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Key of the session advisory lock that keeps concurrent migration runs on one database apart.</summary>
    public long AdvisoryLockKey { get; init; } = 0x5265746F7274; // "Retort" in ASCII

    /// <summary>How often a waiting run polls for the advisory lock.</summary>
    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
