using Microsoft.Extensions.Logging;

namespace Retort.Hosting.Tests.Support;

/// <summary>A logger provider that keeps every entry (category, level, event id, text) in a list, for tests to read.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly List<Entry> _entries = [];

    /// <summary>One log entry.</summary>
    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Text);

    /// <summary>The entries so far (a copy).</summary>
    public List<Entry> Entries { get { lock (_entries) return [.. _entries]; } }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries) owner._entries.Add(new Entry(category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
