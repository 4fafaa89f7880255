namespace Retort.Commands;

/// <summary>
/// An upgrade or downgrade was cancelled: it stopped where it safely could (a data step after its current batch,
/// a revision in progress rolled back). <see cref="Outcome"/> says what it kept; <see cref="Exception.InnerException"/>
/// is what the cancellation surfaced as.
/// </summary>
public sealed class RunCancelledException(RunOutcome outcome, Exception error, CancellationToken token)
    : OperationCanceledException(error.Message, error, token)
{
    /// <summary>What the run left behind.</summary>
    public RunOutcome Outcome { get; } = outcome;
}
