using Microsoft.Extensions.Logging;

namespace Retort.PostgreSql.Tests.SafeRecipes;

/// <summary>
/// A logger that keeps the statements a run logs (<see cref="RetortEventIds.Statement"/>: the runner logs each one just before it is sent) and calls
/// <paramref name="onStatement"/> with each: a test can stop the run at a chosen step.
/// </summary>
public sealed class StatementWatch(Action<string>? onStatement = null) : ILogger
{
    private readonly List<string> _statements = [];

    /// <summary>The statements so far, in order.</summary>
    public List<string> Statements { get { lock (_statements) return [.. _statements]; } }

    /// <summary>True when a logged statement starts with <paramref name="start"/>.</summary>
    public bool Ran(string start) => Statements.Any(s => s.StartsWith(start, StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId != RetortEventIds.Statement) return;
        var text = formatter(state, exception);
        lock (_statements) _statements.Add(text);
        onStatement?.Invoke(text);
    }
}
