using Microsoft.Extensions.Logging;

namespace Retort.Sqlite.Tests.Support;

/// <summary>Collects log messages, so tests can see every statement the runner emitted.</summary>
public sealed class ListLogger : ILogger
{
    public List<string> Messages { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages) Messages.Add(formatter(state, exception));
    }
}
