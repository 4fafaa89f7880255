namespace Retort;

/// <summary>
/// Names of Retort's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>,
/// their activities, instruments and tags, for OpenTelemetry (<c>AddSource("Retort")</c>, <c>AddMeter("Retort")</c>).
/// </summary>
public static class RetortDiagnostics
{
    /// <summary>The activity source: one activity per run (<see cref="RunActivity"/>) and one per revision (<see cref="RevisionActivity"/>).</summary>
    public const string ActivitySourceName = "Retort";

    /// <summary>The meter holding Retort's instruments.</summary>
    public const string MeterName = "Retort";

    /// <summary>An upgrade or downgrade run: tags <see cref="DirectionTag"/>, <see cref="TargetTag"/>, <see cref="DialectTag"/>, <see cref="RevisionCountTag"/>.</summary>
    public const string RunActivity = "retort.run";

    /// <summary>One revision of a run: tags <see cref="RevisionTag"/>, <see cref="DirectionTag"/>, <see cref="DialectTag"/>, <see cref="OutcomeTag"/>.</summary>
    public const string RevisionActivity = "retort.revision";

    /// <summary>Histogram, seconds: how long each revision of a run took (tags revision, direction, dialect, outcome).</summary>
    public const string RevisionDuration = "retort.revision.duration";

    /// <summary>Counter, rows: rows written by the batches of batched data steps (backfills, transforms, copies; tags revision, dialect), as each batch commits.</summary>
    public const string RowsBackfilled = "retort.data.rows";

    /// <summary>Histogram, seconds: how long a run waited for the migration lock (tag dialect).</summary>
    public const string LockWait = "retort.lock.wait";

    /// <summary>Counter: lock failures of statements, batches and copy steps (tag outcome: <c>retry</c> or <c>gave_up</c>).</summary>
    public const string LockRetries = "retort.lock.retries";

    /// <summary>Tag: the revision id.</summary>
    public const string RevisionTag = "retort.revision";

    /// <summary>Tag: <c>upgrade</c> or <c>downgrade</c>.</summary>
    public const string DirectionTag = "retort.direction";

    /// <summary>Tag: the run's target as given (<c>head</c>, an id, <c>-1</c>).</summary>
    public const string TargetTag = "retort.target";

    /// <summary>Tag: the dialect's name (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public const string DialectTag = "retort.dialect";

    /// <summary>Tag: how many revisions the run applied or undid.</summary>
    public const string RevisionCountTag = "retort.revisions";

    /// <summary>Tag: <c>applied</c>, <c>skipped</c> (another run applied it), <c>failed</c>; on retries <c>retry</c> or <c>gave_up</c>.</summary>
    public const string OutcomeTag = "retort.outcome";
}
