using Microsoft.Extensions.Logging;

namespace Retort.ExpandContractProbe;

/// <summary>
/// Counts what the run logs (every statement is logged before it is sent, and every transaction boundary) and
/// prints each event with its number. With a hold point N, it stops the run for good at the N-th event, before
/// that statement goes out, so the watching test's kill -9 lands at exactly that point however loaded the machine is.
/// </summary>
internal sealed class HoldingLogger(int? holdAt) : ILogger
{
    private int _events;

    /// <summary>Events logged so far.</summary>
    public int Events => _events;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var n = Interlocked.Increment(ref _events);
        var text = formatter(state, exception).ReplaceLineEndings(" ");
        Console.Out.WriteLine($"event {n} {logLevel}: {(text.Length > 300 ? text[..300] + "…" : text)}");
        if (n != holdAt) return;
        Console.Out.WriteLine("holding for the kill");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
