using Microsoft.Extensions.Logging;

namespace Retort.Cli.Internal;

/// <summary>
/// The log of a run, on standard error: warnings and errors always (a lock wait, a retry, an index rebuilt, a
/// step left to run by hand), the SQL statements (<see cref="RetortEventIds.Statement"/> at Debug) and other information
/// only with <c>--verbose</c>.
/// </summary>
internal sealed class CliLogger(TextWriter error, bool verbose) : ILogger
{
    private readonly Lock _gate = new();

    /// <summary>
    /// Where a line goes instead of straight to standard error, for a view that owns the terminal (a progress
    /// display, a line left open); null writes to standard error.
    /// </summary>
    public Action<LogLevel, string>? Sink { get; set; }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= (verbose ? LogLevel.Debug : LogLevel.Warning) && logLevel != LogLevel.None;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        // Of the Debug entries, only the statements that change the database (not reads, batches or BEGIN/COMMIT).
        if (logLevel == LogLevel.Debug && eventId != RetortEventIds.Statement) return;
        var text = formatter(state, exception);
        if (exception is not null && verbose) text += Environment.NewLine + exception;
        else if (exception is not null) text += " (" + exception.Message + ")";
        var line = Prefix(logLevel) + text;
        lock (_gate)
        {
            if (Sink is { } sink) sink(logLevel, line);
            else Write(line);
        }
    }

    /// <summary>Writes a line to standard error.</summary>
    public void Write(string line)
    {
        error.WriteLine(line);
        error.Flush();
    }

    private static string Prefix(LogLevel level) => level switch
    {
        LogLevel.Warning => "warning: ",
        LogLevel.Error or LogLevel.Critical => "error: ",
        _ => "",
    };
}
