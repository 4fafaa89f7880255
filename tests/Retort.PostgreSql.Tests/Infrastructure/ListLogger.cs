using Microsoft.Extensions.Logging;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>Collects log messages (with their exceptions), so tests can see everything the runner logged.</summary>
public sealed class ListLogger : ILogger
{
    public List<string> Messages { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages) Messages.Add(formatter(state, exception) + (exception is null ? "" : "\n" + exception));
    }
}
