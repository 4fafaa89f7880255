namespace Retort.Commands;

/// <summary>
/// An upgrade or downgrade stopped on an error. The message is the error's own; <see cref="Exception.InnerException"/>
/// is the error (a <see cref="RetortException"/> or the driver's exception) and <see cref="Outcome"/> says what the
/// run kept and rolled back.
/// </summary>
public sealed class RunStoppedException(RunOutcome outcome, Exception error) : RetortException(error.Message, error)
{
    /// <summary>What the run left behind.</summary>
    public RunOutcome Outcome { get; } = outcome;
}
