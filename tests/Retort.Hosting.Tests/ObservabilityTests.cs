using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Retort.Commands;
using Retort.Environments;
using Retort.Hosting.Tests.Support;
using Retort.Specification.Cli;

namespace Retort.Hosting.Tests;

/// <summary>
/// The core's log categories, levels and event ids, its activities and its instruments, seen on a real SQLite run
/// through a real logger provider, an <see cref="ActivityListener"/> and a <see cref="MeterListener"/>.
/// </summary>
public sealed class ObservabilityTests
{
    static ObservabilityTests() => Retort.Dialects.DialectRegistry.Register(new Retort.Sqlite.SqliteDialect());

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);

    private static (string Dir, string[] Ids) Environment(TempDir dir)
    {
        var env = SqlRevisions.Create(dir["migrations"]);
        string a = SqlRevisions.NewId(), b = SqlRevisions.NewId();
        SqlRevisions.Revision(env, a, null, "create items",
            "CREATE TABLE items (id INTEGER PRIMARY KEY, v INTEGER NOT NULL DEFAULT 0);\n" +
            "INSERT INTO items (id) VALUES (1), (2), (3), (4), (5), (6), (7);", "DROP TABLE items;");
        SqlRevisions.Revision(env, b, a, "backfill v", "-- retort:batched batch-size=3 target-ms=0\nUPDATE items SET v = id;", "UPDATE items SET v = 0;");
        return (env, [a, b]);
    }

    private static MigrationCommands Commands(string env, string db, ILoggerFactory? factory, ILogger? logger = null) => new(new CommandConfig
    {
        Environment = MigrationsEnvironment.Open(Path.Combine(env, "retort.json")),
        Url = "sqlite:///" + db,
        LoggerFactory = factory,
        Logger = logger,
    });

    [Fact]
    public async Task A_run_logs_each_category_at_its_level_with_event_ids()
    {
        using var dir = new TempDir();
        var (env, ids) = Environment(dir);
        var logs = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        await Commands(env, dir["app.db"], factory).UpgradeAsync("head");
        var entries = logs.Entries;

        // "Running upgrade" at Information in the runner's category, one per revision.
        var starts = entries.Where(e => e.EventId == RetortEventIds.RevisionStarting).ToList();
        Assert.Equal(2, starts.Count);
        Assert.All(starts, e => Assert.Equal((RetortLogCategories.Runner, LogLevel.Information), (e.Category, e.Level)));
        Assert.Contains($"Running upgrade {ids[0]}: create items", starts[0].Text);

        // Every statement, savepoints and version-table writes included, at Debug in the SQL category; none at Information.
        var sql = entries.Where(e => e.Category == RetortLogCategories.Sql).ToList();
        Assert.DoesNotContain(sql, e => e.Level > LogLevel.Debug);
        var statements = sql.Where(e => e.EventId == RetortEventIds.Statement).Select(e => e.Text).ToList();
        Assert.Contains(statements, s => s.Contains("CREATE TABLE items", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.StartsWith("SAVEPOINT", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("retort_version", StringComparison.Ordinal) && s.StartsWith("INSERT", StringComparison.Ordinal));
        Assert.Contains(statements, s => s.Contains("retort_history", StringComparison.Ordinal) && s.StartsWith("INSERT", StringComparison.Ordinal));
        Assert.Contains(sql, e => e.EventId == RetortEventIds.Transaction && e.Text == "COMMIT");
        Assert.Contains(sql, e => e.EventId == RetortEventIds.BatchStatement && e.Text.Contains("UPDATE", StringComparison.Ordinal));

        // The data step's batches in the data category: 7 rows in batches of 3.
        var batches = entries.Where(e => e.EventId == RetortEventIds.BatchCommitted).ToList();
        Assert.Equal(3, batches.Count);
        Assert.All(batches, e => Assert.Equal((RetortLogCategories.Data, LogLevel.Debug), (e.Category, e.Level)));
        Assert.All(entries, e => Assert.StartsWith("Retort.", e.Category));
        Assert.All(entries, e => Assert.NotEqual(0, e.EventId.Id));

        // A single logger still gets everything (the CLI's --verbose), now with the event ids.
        using var dir2 = new TempDir();
        var (env2, _) = Environment(dir2);
        var one = new ListLoggerProvider();
        await Commands(env2, dir2["app.db"], null, one.CreateLogger("app")).UpgradeAsync("head");
        Assert.Contains(one.Entries, e => e.EventId == RetortEventIds.RevisionStarting);
        Assert.Contains(one.Entries, e => e.EventId == RetortEventIds.Statement && e.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task A_run_traces_the_run_and_each_revision_and_measures_them()
    {
        using var dir = new TempDir();
        var (env, ids) = Environment(dir);
        var stopped = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == RetortDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new ConcurrentQueue<Measurement>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RetortDiagnostics.MeterName) listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue(new(i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue(new(i.Name, v, Tags(tags))));
        meters.Start();

        await Commands(env, dir["app.db"], null).UpgradeAsync("head");

        // Other tests run migrations at the same time: only this run's revisions count.
        var revisions = stopped.Where(a => a.OperationName == RetortDiagnostics.RevisionActivity && ids.Contains(a.GetTagItem(RetortDiagnostics.RevisionTag))).ToList();
        Assert.Equal(ids, revisions.Select(a => (string)a.GetTagItem(RetortDiagnostics.RevisionTag)!));
        var run = stopped.Single(a => a.OperationName == RetortDiagnostics.RunActivity && a.SpanId == revisions[0].ParentSpanId);
        Assert.All(revisions, a => Assert.Equal(run.SpanId, a.ParentSpanId));
        Assert.Equal("upgrade", run.GetTagItem(RetortDiagnostics.DirectionTag));
        Assert.Equal("head", run.GetTagItem(RetortDiagnostics.TargetTag));
        Assert.Equal("sqlite", run.GetTagItem(RetortDiagnostics.DialectTag));
        Assert.Equal(2, run.GetTagItem(RetortDiagnostics.RevisionCountTag));
        Assert.All(revisions, a => Assert.Equal("applied", a.GetTagItem(RetortDiagnostics.OutcomeTag)));
        Assert.All(revisions, a => Assert.Equal(ActivityStatusCode.Unset, a.Status));

        var durations = measurements.Where(m => m.Instrument == RetortDiagnostics.RevisionDuration && ids.Contains(m.Tags[RetortDiagnostics.RevisionTag])).ToList();
        Assert.Equal(ids, durations.Select(m => (string)m.Tags[RetortDiagnostics.RevisionTag]!));
        Assert.All(durations, m => Assert.True(m.Value >= 0 && (string?)m.Tags[RetortDiagnostics.OutcomeTag] == "applied" && (string?)m.Tags[RetortDiagnostics.DialectTag] == "sqlite"));
        var rows = measurements.Where(m => m.Instrument == RetortDiagnostics.RowsBackfilled && (string?)m.Tags[RetortDiagnostics.RevisionTag] == ids[1]).ToList();
        Assert.Equal(7, rows.Sum(m => m.Value));
        Assert.Equal(3, rows.Count);
        Assert.Contains(measurements, m => m.Instrument == RetortDiagnostics.LockWait && (string?)m.Tags[RetortDiagnostics.DialectTag] == "sqlite");

        // A failing revision: its activity and the run's are marked failed (the run's with the error), and its duration is recorded as failed.
        using var dir2 = new TempDir();
        var env2 = SqlRevisions.Create(dir2["migrations"]);
        var broken = SqlRevisions.NewId();
        SqlRevisions.Revision(env2, broken, null, "broken", "INSERT INTO no_such_table VALUES (1);", "SELECT 1;");
        await Assert.ThrowsAnyAsync<RetortException>(() => Commands(env2, dir2["app.db"], null).UpgradeAsync("head"));
        var failed = stopped.Single(a => a.OperationName == RetortDiagnostics.RevisionActivity && (string?)a.GetTagItem(RetortDiagnostics.RevisionTag) == broken);
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("failed", failed.GetTagItem(RetortDiagnostics.OutcomeTag));
        var failedRun = stopped.Single(a => a.SpanId == failed.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, failedRun.Status);
        Assert.Contains("no_such_table", failedRun.StatusDescription);
        Assert.Contains(measurements, m => m.Instrument == RetortDiagnostics.RevisionDuration && (string?)m.Tags[RetortDiagnostics.RevisionTag] == broken
            && (string?)m.Tags[RetortDiagnostics.OutcomeTag] == "failed");
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags) result[tag.Key] = tag.Value;
        return result;
    }
}
