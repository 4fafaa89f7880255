using System.Data.Common;
using Npgsql;
using Retort.Dialects;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// PostgreSQL's one retry policy: <c>lock_not_available</c> (55P03, the <c>lock_timeout</c> expired) and
/// <c>deadlock_detected</c> (40P01) are retried with exponential backoff and decorrelated jitter: each delay is drawn
/// between <see cref="PostgreSqlOptions.RetryBaseDelay"/> and three times the one before, at most
/// <see cref="PostgreSqlOptions.RetryMaxDelay"/>, and never shorter than five times the failed try's own wait (up to that bound); the
/// loop gives up when the next wait would pass <see cref="PostgreSqlOptions.LockWaitBudget"/> (or after
/// <see cref="PostgreSqlOptions.LockRetries"/> retries). Between tries nothing is held, so the application runs: while
/// a blocker lasts, the table is blocked for one lock timeout per try, at most a sixth of the time.
/// </summary>
internal sealed class PostgreSqlRetryPolicy(PostgreSqlOptions options) : RetryPolicy
{
    /// <summary>A delay is at least this many times the wait of the try before it (the table is then free 5/6 of the time).</summary>
    private const double DelayToWaitRatio = 5;

    public override bool IsLockFailure(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected }) return true;
        return false;
    }

    public override TimeSpan? DelayAfter(int attempt) => DelayAfter(attempt, null, options.LockTimeout);

    public override TimeSpan? DelayAfter(int attempt, TimeSpan? previousDelay, TimeSpan attemptDuration)
    {
        if (attempt < 1 || attempt > (options.LockRetries ?? int.MaxValue)) return null;
        var floor = options.RetryBaseDelay.TotalMilliseconds;
        var cap = Math.Max(options.RetryMaxDelay.TotalMilliseconds, floor);
        // Decorrelated jitter: waiting deployers spread out, and the delay grows by 2x on average per try.
        var previous = previousDelay?.TotalMilliseconds ?? floor;
        var ms = floor + Random.Shared.NextDouble() * Math.Max(0, 3 * previous - floor);
        // However long the lock timeout (a URL may set its own), the table stays free five times as long as it was blocked.
        ms = Math.Max(ms, DelayToWaitRatio * attemptDuration.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Min(ms, cap));
    }

    public override TimeSpan? WaitBudget => options.LockWaitBudget;

    public override int MaxAttempts => options.LockRetries is { } retries ? retries + 1 : 0;

    public override LockWaitWatch? WatchForBlockers(DbConnection connection, TimeSpan? expectedWait) =>
        connection is NpgsqlConnection { State: System.Data.ConnectionState.Open } npgsql ? PostgreSqlBlockerWatch.Start(npgsql, options, expectedWait) : null;
}
