using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Retort.Connections;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// The <c>retort.lock.retries</c> counter, seen through a <see cref="MeterListener"/> while a migration's DDL meets a
/// lock another session holds: one measurement per lock failure, tagged <c>retry</c> when the statement is tried again
/// (as often as the runner logs a retry) and <c>gave_up</c> when the retries are used up. The test waits for states
/// (a counted failure, the failed run), never for a time.
/// </summary>
public sealed class LockRetryCounterTests
{
    /// <summary>One measurement: its value and its tags as <c>key=value</c> text, sorted.</summary>
    private sealed record Measurement(long Value, string Tags);

    // The instrument is process-wide and other tests' runs may retry at the same time: a measurement is this test's when
    // it is made in the execution context of this test's run (the listener is called on the thread that counts).
    private static readonly AsyncLocal<string?> RunOf = new();

    /// <summary>Listens to <c>retort.lock.retries</c>, keeping what the run started under <paramref name="run"/> counts.</summary>
    private static MeterListener Listen(string run, ConcurrentQueue<Measurement> into)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RetortDiagnostics.MeterName && instrument.Name == RetortDiagnostics.LockRetries) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (RunOf.Value == run) into.Enqueue(new Measurement(value, Text(tags.ToArray())));
        });
        listener.Start();
        return listener;
    }

    /// <summary>A database with table <c>door</c>, a session holding a lock on it that any ALTER waits for, and a migration that alters it.</summary>
    private static async Task<(PgDatabase Pg, PgDatabase.LockHolder Holder)> HeldDoorAsync()
    {
        var pg = await PgDatabase.CreateAsync();
        await pg.ExecuteAsync("CREATE TABLE door (id integer PRIMARY KEY); INSERT INTO door SELECT generate_series(1, 10)");
        return (pg, await pg.HoldReadLockAsync("door"));
    }

    private static Migrator AlterDoor(Database database, ListLogger log) =>
        new(database, InlineScript.Single(op => op.AddColumn("door", new Column("note", SqlType.Text))), logger: log);

    private static int LoggedRetries(ListLogger log) =>
        log.Warnings.Count(m => m.StartsWith("A DDL statement could not get its lock", StringComparison.Ordinal));

    private static string Text(IEnumerable<KeyValuePair<string, object?>> tags) =>
        string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal));

    private static readonly Measurement Retry = new(1, Text([new(RetortDiagnostics.OutcomeTag, "retry")]));
    private static readonly Measurement GaveUp = new(1, Text([new(RetortDiagnostics.OutcomeTag, "gave_up")]));

    [PgFact]
    public async Task Each_lock_failure_that_is_tried_again_counts_one_retry_as_often_as_the_runner_logs_one()
    {
        var (pg, holder) = await HeldDoorAsync();
        await using var _ = pg;
        await using var __ = holder;
        var run = Guid.NewGuid().ToString("N");
        var counted = new ConcurrentQueue<Measurement>();
        using var listener = Listen(run, counted);

        // Short lock waits and delays, so the test spends well under a second per try.
        await using var database = Database.Open(pg.Url + "?lock_timeout=100ms",
            new PostgreSqlDialect(new PostgreSqlOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(1) }));
        var log = new ListLogger();
        RunOf.Value = run;
        var migration = AlterDoor(database, log).UpgradeAsync();
        RunOf.Value = null;
        await pg.WaitForLockWaiterAsync("door", migration);
        // Released once the first failure is counted: the ALTER is tried again at least once, then gets its lock.
        await Wait.UntilAsync(() => !counted.IsEmpty, "the first lock failure of the ALTER to be counted", migration);
        await holder.ReleaseAsync();
        await migration;

        Assert.NotNull((await database.ReflectTableAsync("door"))!.FindColumn("note"));
        var measurements = counted.ToList();
        Assert.NotEmpty(measurements);
        Assert.All(measurements, m => Assert.Equal(Retry, m));
        Assert.Equal(LoggedRetries(log), measurements.Count);
    }

    [PgFact]
    public async Task The_failure_after_the_last_retry_counts_as_gave_up()
    {
        var (pg, holder) = await HeldDoorAsync();
        await using var _ = pg;
        await using var __ = holder;
        var run = Guid.NewGuid().ToString("N");
        var counted = new ConcurrentQueue<Measurement>();
        using var listener = Listen(run, counted);

        // One retry allowed; the lock is held throughout, so the first failure is retried and the second gives up.
        await using var database = Database.Open(pg.Url + "?lock_timeout=100ms", new PostgreSqlDialect(new PostgreSqlOptions
        {
            LockRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(200), RetryMaxDelay = TimeSpan.FromSeconds(1),
        }));
        var log = new ListLogger();
        RunOf.Value = run;
        var migration = AlterDoor(database, log).UpgradeAsync();
        RunOf.Value = null;
        var error = await Assert.ThrowsAnyAsync<RetortException>(() => migration);
        await holder.ReleaseAsync();

        Assert.Contains("Gave up after 2 tries", error.Message);
        Assert.Equal([Retry, GaveUp], counted.ToList());
        Assert.Equal(1, LoggedRetries(log));
        Assert.Null((await database.ReflectTableAsync("door"))!.FindColumn("note"));
    }
}
