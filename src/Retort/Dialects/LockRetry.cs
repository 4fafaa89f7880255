namespace Retort.Dialects;

/// <summary>One lock failure met by <see cref="RetryPolicy.RunAsync{T}"/>.</summary>
/// <param name="Failure">What the database said.</param>
/// <param name="Attempt">The try that failed, from 1.</param>
/// <param name="Delay">The wait before the next try, or null when the retries are used up.</param>
/// <param name="Waited">Time since the first lock failure of this loop.</param>
public sealed record LockRetry(Exception Failure, int Attempt, TimeSpan? Delay, TimeSpan Waited);
