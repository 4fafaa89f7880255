namespace Retort.Dialects;

/// <summary>One lock failure met by <see cref="RetryPolicy.RunAsync{T}"/>.</summary>
/// <param name="Failure">What the database said.</param>
/// <param name="Attempt">The try that failed, from 1.</param>
/// <param name="Delay">The wait before the next try, or null when the retries (or the wait budget) are used up.</param>
/// <param name="Waited">Time since the first try of this loop began: every try so far failed, so all of it was waiting.</param>
public sealed record LockRetry(Exception Failure, int Attempt, TimeSpan? Delay, TimeSpan Waited)
{
    /// <summary>
    /// The sessions that blocked the failed try, as the dialect describes them (server process id, state, ages,
    /// application and the start of its query), or null when the dialect could not see them.
    /// </summary>
    public string? Blockers { get; init; }

    /// <summary>The bound on the total wait of the loop (see <see cref="RetryPolicy.WaitBudget"/>), or null for none.</summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>
    /// A sentence for a warning or an error: how many tries waited how long (and of what budget), and who blocked,
    /// e.g. "try 3, 5.2 s waited of the 120 s budget; blocked by server process 4242 (…)".
    /// </summary>
    public string Summary =>
        $"try {Attempt}, {Waited.TotalSeconds:0.0} s waited" + (Budget is { } b ? $" of the {b.TotalSeconds:0.#} s budget" : "") +
        (Blockers is { Length: > 0 } who ? $"; blocked by {who}" : "");
}
