using System.Diagnostics;
using System.Runtime.ExceptionServices;

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
    /// be tried again after <see cref="DelayAfter"/>.
    /// </summary>
    public virtual bool IsLockFailure(Exception failure) => false;

    /// <summary>
    /// The wait before trying again work whose <paramref name="attempt"/>th try (1 for the first) was a lock
    /// failure, or null when the retries are used up. It grows with every attempt, up to a bound, and is jittered
    /// so that waiting sessions do not retry in step.
    /// </summary>
    public virtual TimeSpan? DelayAfter(int attempt) => null;

    /// <summary>How many tries the policy makes in all (for messages such as "attempt 2 of 9").</summary>
    public virtual int MaxAttempts => 1;

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the attempt number, from 1) until it succeeds. After a lock failure
    /// <paramref name="undo"/> runs first (roll back to a savepoint, roll back a batch); then, when the retries are
    /// used up, the exception <paramref name="giveUp"/> makes is thrown (the failure itself without one); otherwise
    /// the loop waits <see cref="LockRetry.Delay"/> and tries again. <paramref name="canRetry"/>, when given, narrows
    /// which lock failures this loop may retry (work that cannot be undone from where it failed).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<int, Task<T>> attempt, Func<LockRetry, Task> undo, Func<LockRetry, Exception>? giveUp,
        CancellationToken cancellationToken, Func<Exception, bool>? canRetry = null)
    {
        Stopwatch? waited = null;
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(n);
            }
            catch (Exception e) when (IsLockFailure(e) && (canRetry?.Invoke(e) ?? true))
            {
                waited ??= Stopwatch.StartNew();
                var retry = new LockRetry(e, n, DelayAfter(n), waited.Elapsed);
                await undo(retry);
                if (retry.Delay is null)
                {
                    if (giveUp?.Invoke(retry) is { } stop) throw stop;
                    ExceptionDispatchInfo.Throw(e);
                }
                await Task.Delay(retry.Delay.Value, cancellationToken);
            }
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for work that returns nothing.</summary>
    public Task RunAsync(Func<int, Task> attempt, Func<LockRetry, Task> undo, Func<LockRetry, Exception>? giveUp,
        CancellationToken cancellationToken, Func<Exception, bool>? canRetry = null) =>
        RunAsync(async n => { await attempt(n); return true; }, undo, giveUp, cancellationToken, canRetry);
}
