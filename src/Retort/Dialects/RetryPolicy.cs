using System.Data.Common;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Retort.Internal;

namespace Retort.Dialects;

/// <summary>
/// A dialect's one policy for work the database refused for a passing reason (a lock not granted within the lock
/// timeout, a deadlock broken by cancelling this side): which failures are such, how long to wait before the next
/// try, and the loop that tries again. DDL statements, data batches and the copy-and-swap steps all use it. The
/// default retries nothing.
/// </summary>
public class RetryPolicy
{
    /// <summary>
    /// True when <paramref name="failure"/> (or an exception it wraps) is a lock failure: the work, once undone, may
    /// be tried again after <see cref="DelayAfter(int, TimeSpan?, TimeSpan)"/>.
    /// </summary>
    public virtual bool IsLockFailure(Exception failure) => false;

    /// <summary>
    /// The wait before trying again work whose <paramref name="attempt"/>th try (1 for the first) was a lock
    /// failure, or null when the retries are used up. It grows with every attempt, up to a bound, and is jittered
    /// so that waiting sessions do not retry in step.
    /// </summary>
    public virtual TimeSpan? DelayAfter(int attempt) => null;

    /// <summary>
    /// The wait before trying again work whose <paramref name="attempt"/>th try failed on a lock, knowing the wait
    /// before that try (<paramref name="previousDelay"/>, null before the first retry) and how long the failed try took
    /// (<paramref name="attemptDuration"/>, about the time it queued for its lock); null when the retries are used up.
    /// The base asks <see cref="DelayAfter(int)"/>.
    /// </summary>
    public virtual TimeSpan? DelayAfter(int attempt, TimeSpan? previousDelay, TimeSpan attemptDuration) => DelayAfter(attempt);

    /// <summary>
    /// The bound on a loop's total wait: the loop gives up rather than start a wait that would end past it. Null
    /// (the base): no bound but the retries.
    /// </summary>
    public virtual TimeSpan? WaitBudget => null;

    /// <summary>How many tries the policy makes in all (for messages such as "attempt 2 of 9"); 0 when only the
    /// <see cref="WaitBudget"/> bounds them.</summary>
    public virtual int MaxAttempts => 1;

    /// <summary>
    /// Starts watching, from outside the session of <paramref name="connection"/>, a try that is about to run on it,
    /// to name what blocks it should it wait for a lock; null (the base) when the dialect cannot tell.
    /// <paramref name="expectedWait"/> is how long the previous try of the loop waited before it failed (null on the
    /// first try). The watch must cost nothing while the try does not wait.
    /// </summary>
    public virtual LockWaitWatch? WatchForBlockers(DbConnection connection, TimeSpan? expectedWait) => null;

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the attempt number, from 1) until it succeeds. After a lock failure
    /// <paramref name="undo"/> runs first (roll back to a savepoint, roll back a batch); then, when the retries or the
    /// <see cref="WaitBudget"/> are used up, the exception <paramref name="giveUp"/> makes is thrown (the failure itself
    /// without one); otherwise the loop waits <see cref="LockRetry.Delay"/> and tries again. <paramref name="canRetry"/>,
    /// when given, narrows which lock failures this loop may retry (work that cannot be undone from where it failed).
    /// With <paramref name="watched"/>, the connection the work runs on, each try is watched for the sessions that
    /// block it (<see cref="LockRetry.Blockers"/>).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<int, Task<T>> attempt, Func<LockRetry, Task> undo, Func<LockRetry, Exception>? giveUp,
        CancellationToken cancellationToken, Func<Exception, bool>? canRetry = null, DbConnection? watched = null)
    {
        var started = Stopwatch.GetTimestamp();
        TimeSpan? previousDelay = null, previousWait = null;
        // The sessions an earlier try of this loop saw blocking it: a try that times out before its watch has looked (a
        // slow second connection on a busy server) still names who held the lock.
        string? lastBlockers = null;
        for (var n = 1; ; n++)
        {
            var tryStarted = Stopwatch.GetTimestamp();
            var watch = watched is null ? null : WatchForBlockers(watched, previousWait);
            LockRetry retry;
            try
            {
                return await attempt(n);
            }
            catch (Exception e) when (IsLockFailure(e) && (canRetry?.Invoke(e) ?? true))
            {
                var took = Stopwatch.GetElapsedTime(tryStarted);
                var waited = Stopwatch.GetElapsedTime(started);
                var delay = DelayAfter(n, previousDelay, took);
                // The next wait and the try after it must both end within the budget.
                if (delay is { } d && WaitBudget is { } budget && waited + d + took > budget) delay = null;
                retry = new LockRetry(e, n, delay, waited) { Blockers = watch?.Blockers ?? lastBlockers, Budget = WaitBudget };
                lastBlockers = retry.Blockers;
                previousDelay = delay;
                previousWait = took;
            }
            finally
            {
                if (watch is not null) await watch.DisposeAsync();
            }
            RetortTelemetry.LockRetries.Add(1, new KeyValuePair<string, object?>(RetortDiagnostics.OutcomeTag, retry.Delay is null ? "gave_up" : "retry"));
            await undo(retry);
            if (retry.Delay is null)
            {
                if (giveUp?.Invoke(retry) is { } stop) throw stop;
                ExceptionDispatchInfo.Throw(retry.Failure);
            }
            await Task.Delay(retry.Delay.Value, cancellationToken);
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for work that returns nothing.</summary>
    public Task RunAsync(Func<int, Task> attempt, Func<LockRetry, Task> undo, Func<LockRetry, Exception>? giveUp,
        CancellationToken cancellationToken, Func<Exception, bool>? canRetry = null, DbConnection? watched = null) =>
        RunAsync(async n => { await attempt(n); return true; }, undo, giveUp, cancellationToken, canRetry, watched);
}
