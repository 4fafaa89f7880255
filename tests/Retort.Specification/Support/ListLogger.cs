using Microsoft.Extensions.Logging;

namespace Retort.Specification.Support;

/// <summary>Collects log messages (with their exceptions), so tests can see everything the runner logged.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, string Text)> _messages = [];

    /// <summary>Every message so far (a copy: the runner may log while the test reads).</summary>
    public List<string> Messages { get { lock (_messages) return _messages.Select(m => m.Text).ToList(); } }

    /// <summary>The warnings and errors so far.</summary>
    public List<string> Warnings { get { lock (_messages) return _messages.Where(m => m.Level >= LogLevel.Warning).Select(m => m.Text).ToList(); } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_messages) _messages.Add((logLevel, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
    }
}
