using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Retort.Internal;

/// <summary>Retort's activity source and instruments (names in <see cref="RetortDiagnostics"/>); they cost nothing until a listener subscribes.</summary>
internal static class RetortTelemetry
{
    public static readonly ActivitySource Source = new(RetortDiagnostics.ActivitySourceName, typeof(RetortTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(RetortDiagnostics.MeterName, typeof(RetortTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Histogram<double> RevisionDuration = Meter.CreateHistogram<double>(RetortDiagnostics.RevisionDuration, "s",
        "How long each revision of a run took.");

    public static readonly Counter<long> RowsBackfilled = Meter.CreateCounter<long>(RetortDiagnostics.RowsBackfilled, "{row}",
        "Rows written by data steps.");

    public static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>(RetortDiagnostics.LockWait, "s",
        "How long a run waited for the migration lock.");

    public static readonly Counter<long> LockRetries = Meter.CreateCounter<long>(RetortDiagnostics.LockRetries, "{failure}",
        "Lock failures of statements, batches and copy steps, retried or given up.");

    /// <summary>Starts the activity of an upgrade or downgrade run, or null when nobody listens.</summary>
    public static Activity? StartRun(bool up, string target, string dialect)
    {
        var activity = Source.StartActivity(RetortDiagnostics.RunActivity);
        activity?.SetTag(RetortDiagnostics.DirectionTag, up ? "upgrade" : "downgrade");
        activity?.SetTag(RetortDiagnostics.TargetTag, target);
        activity?.SetTag(RetortDiagnostics.DialectTag, dialect);
        return activity;
    }

    /// <summary>Starts the activity of one revision of a run, or null when nobody listens.</summary>
    public static Activity? StartRevision(string revision, string direction, string dialect)
    {
        var activity = Source.StartActivity(RetortDiagnostics.RevisionActivity);
        activity?.SetTag(RetortDiagnostics.RevisionTag, revision);
        activity?.SetTag(RetortDiagnostics.DirectionTag, direction);
        activity?.SetTag(RetortDiagnostics.DialectTag, dialect);
        return activity;
    }

    /// <summary>Records a revision's end: its duration histogram and its activity's outcome.</summary>
    public static void RevisionEnded(Activity? activity, string revision, string direction, string dialect, TimeSpan duration, string outcome, Exception? error = null)
    {
        RevisionDuration.Record(duration.TotalSeconds,
            new(RetortDiagnostics.RevisionTag, revision), new(RetortDiagnostics.DirectionTag, direction),
            new(RetortDiagnostics.DialectTag, dialect), new(RetortDiagnostics.OutcomeTag, outcome));
        Failed(activity, error);
        activity?.SetTag(RetortDiagnostics.OutcomeTag, outcome);
    }

    /// <summary>Marks an activity as failed with the error's message (already free of secrets: Retort's errors never hold them).</summary>
    public static void Failed(Activity? activity, Exception? error)
    {
        if (activity is null || error is null) return;
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.AddException(error);
    }

    /// <summary>Counts rows a data step wrote.</summary>
    public static void Rows(long rows, string revision, string dialect)
    {
        if (rows > 0) RowsBackfilled.Add(rows, new(RetortDiagnostics.RevisionTag, revision), new(RetortDiagnostics.DialectTag, dialect));
    }
}
