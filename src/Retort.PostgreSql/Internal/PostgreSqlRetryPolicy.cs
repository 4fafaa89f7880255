using Npgsql;
using Retort.Dialects;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// PostgreSQL's one retry policy: <c>lock_not_available</c> (55P03, the <c>lock_timeout</c> expired) and
/// <c>deadlock_detected</c> (40P01) are retried after <see cref="PostgreSqlOptions.RetryBaseDelay"/>, doubled with
/// every further attempt up to <see cref="PostgreSqlOptions.RetryMaxDelay"/>, ±20 %, at most
/// <see cref="PostgreSqlOptions.LockRetries"/> times. Between tries nothing is held, so the application runs.
/// </summary>
internal sealed class PostgreSqlRetryPolicy(PostgreSqlOptions options) : RetryPolicy
{
    public override bool IsLockFailure(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected }) return true;
        return false;
    }

    public override TimeSpan? DelayAfter(int attempt)
    {
        if (attempt < 1 || attempt > options.LockRetries) return null;
        var ms = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        ms = Math.Min(ms, options.RetryMaxDelay.TotalMilliseconds);
        // Jitter keeps several waiting deployers from retrying in lockstep.
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    public override int MaxAttempts => options.LockRetries + 1;
}
