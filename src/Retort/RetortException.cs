namespace Retort;

/// <summary>
/// Base type of every error Retort raises on purpose. Its message is one paragraph that says what is wrong
/// and what to do; front ends print it without a stack trace.
/// </summary>
public class RetortException : Exception
{
    /// <summary>Creates an error with a user-facing message.</summary>
    public RetortException(string message) : base(message) { }

    /// <summary>Creates an error with a user-facing message and the error that caused it.</summary>
    public RetortException(string message, Exception? inner) : base(message, inner) { }
}
