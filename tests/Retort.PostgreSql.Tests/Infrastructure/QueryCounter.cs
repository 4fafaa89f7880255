using System.Diagnostics;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// Counts the commands Npgsql sends while it is alive, from its activity source, limited to the async flow
/// that created the counter (tests in parallel do not disturb the count).
/// </summary>
public sealed class QueryCounter : IDisposable
{
    private const string SourceName = "Retort.Tests.QueryCounter";
    private static readonly ActivitySource Source = new(SourceName);
    private readonly ActivityListener _listener;
    private readonly Activity _scope;
    private int _count;

    /// <summary>Starts counting.</summary>
    public QueryCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql" || s.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a =>
            {
                if (a.Source.Name == "Npgsql" && a.Parent == _scope && a.OperationName != "connect") Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _scope = Source.StartActivity("count") ?? throw new InvalidOperationException("Activity not started.");
    }

    /// <summary>Commands sent so far.</summary>
    public int Count => _count;

    /// <inheritdoc />
    public void Dispose()
    {
        _scope.Dispose();
        _listener.Dispose();
    }
}
