using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Connections;
using Retort.Dialects;
using Retort.Operations;
using Retort.PostgreSql.Internal;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// The default lock wait policy: a short lock_timeout, delays between tries several times longer than each wait (so a
/// table behind a blocker stays free most of the time), a bounded total wait that ends in an error naming the blocker,
/// and every retry warning naming the blocking session from pg_stat_activity.
/// </summary>
public sealed class LockWaitPolicyTests
{
    [Fact]
    public void The_defaults_wait_at_most_half_a_second_per_try_and_two_minutes_in_all()
    {
        var options = new PostgreSqlOptions();
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.LockTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.LockWaitBudget);
        Assert.Null(options.LockRetries);
        Assert.Equal(options.LockWaitBudget, new PostgreSqlRetryPolicy(options).WaitBudget);
    }

    [Fact]
    public void Every_delay_is_at_least_five_times_the_wait_before_it_and_grows_with_jitter_up_to_the_bound()
    {
        var options = new PostgreSqlOptions();
        var policy = new PostgreSqlRetryPolicy(options);
        var distinct = new HashSet<long>();
        for (var run = 0; run < 200; run++)
        {
            TimeSpan? previous = null;
            for (var attempt = 1; attempt <= 12; attempt++)
            {
                var delay = policy.DelayAfter(attempt, previous, options.LockTimeout)!.Value;
                Assert.InRange(delay, 5 * options.LockTimeout, options.RetryMaxDelay);
                Assert.InRange(delay, options.RetryBaseDelay, options.RetryMaxDelay);
                distinct.Add((long)delay.TotalMilliseconds);
                previous = delay;
            }
        }
        // Jittered: waiting deployers do not retry in step.
        Assert.True(distinct.Count > 100, $"only {distinct.Count} distinct delays");
        // A longer lock_timeout (set in a URL) gets a delay five times as long, within the bound.
        Assert.InRange(policy.DelayAfter(1, null, TimeSpan.FromSeconds(2))!.Value, TimeSpan.FromSeconds(10), options.RetryMaxDelay);
        // The delays grow: after a few tries the mean is well above the shortest delay.
        var late = Enumerable.Range(0, 200).Select(_ =>
        {
            TimeSpan? p = null;
            for (var a = 1; a <= 4; a++) p = policy.DelayAfter(a, p, options.LockTimeout);
            return p!.Value.TotalMilliseconds;
        }).Average();
        Assert.True(late > 2 * options.RetryBaseDelay.TotalMilliseconds, $"the fourth delay averages {late:0} ms");
    }

    [Fact]
    public void Behind_a_ten_second_blocker_the_table_is_blocked_at_most_a_fifth_of_the_time()
    {
        // The schedule of tries the default policy makes behind a blocker that holds its lock for 10 s: each try blocks
        // the table for one lock timeout, the delays between them leave it free. Simulated from the policy's own delays.
        var options = new PostgreSqlOptions();
        var policy = new PostgreSqlRetryPolicy(options);
        var blocker = TimeSpan.FromSeconds(10);
        var worst = 0.0;
        for (var run = 0; run < 2000; run++)
        {
            var now = TimeSpan.Zero;
            var blocked = TimeSpan.Zero;
            TimeSpan? previous = null;
            for (var attempt = 1; now < blocker; attempt++)
            {
                var wait = TimeSpan.FromTicks(Math.Min(options.LockTimeout.Ticks, (blocker - now).Ticks));
                blocked += wait;
                now += wait;
                if (now >= blocker) break;
                previous = policy.DelayAfter(attempt, previous, options.LockTimeout);
                now += previous!.Value;
            }
            worst = Math.Max(worst, blocked / blocker);
        }
        Assert.True(worst <= 0.20, $"the table was blocked {worst:P0} of the blocker's 10 s in the worst of 2000 schedules");
    }

    [Theory]
    [InlineData("ALTER ROLE app PASSWORD 'hunter2'", "ALTER ROLE app PASSWORD ***")]
    [InlineData("alter role app with password 'it''s hunter2' valid until 'infinity'", "alter role app with password *** valid until 'infinity'")]
    [InlineData("SELECT dblink_connect('host=db password=hunter2 user=app')", "SELECT dblink_connect('host=db password=*** user=app')")]
    [InlineData("CREATE USER app PASSWORD \"hunter2\"", "CREATE USER app PASSWORD ***")]
    public void A_blockers_query_is_shown_without_anything_password_like(string query, string shown)
    {
        var described = PostgreSqlBlockerWatch.Describe(4242, "active", "admin", 3.04, 1.5, query);
        Assert.DoesNotContain("hunter2", described);
        Assert.Equal($"server process 4242 (application 'admin', active, transaction open 3.0 s, query started 1.5 s ago: {shown})", described);
    }

    [Fact]
    public void A_blockers_query_is_shown_on_one_line_and_cut_at_80_characters()
    {
        var query = "SELECT *\n  FROM accounts\n WHERE note = '" + new string('x', 200) + "'";
        var described = PostgreSqlBlockerWatch.Describe(7, "idle in transaction", null, null, null, query);
        var shown = described[(described.IndexOf("query: ", StringComparison.Ordinal) + 7)..^1];
        Assert.Equal(81, shown.Length);
        Assert.StartsWith("SELECT * FROM accounts WHERE note = 'xxx", shown);
        Assert.EndsWith("…", shown);
        Assert.StartsWith("server process 7 (idle in transaction, query: ", described);
    }

    [PgFact]
    public async Task A_DDL_statement_behind_a_blocker_warns_naming_it_and_succeeds_once_the_blocker_ends()
    {
        await using var pg = await BusyTableAsync();
        await using var blocker = await BlockerAsync(pg);

        // The defaults: nothing in the URL, no options.
        await using var database = pg.Open();
        var log = new WarningLog();
        var migrator = new Migrator(database, InlineScript.Single(op => op.Execute("ALTER TABLE busy ADD COLUMN note text")), logger: log);
        var migration = migrator.UpgradeAsync();
        await Wait.UntilAsync(() => log.Count >= 2, "two lock timeouts of the ALTER behind the blocker", migration);
        Assert.False(migration.IsCompleted, "the ALTER must wait while the blocker holds its lock");
        await blocker.ReleaseAsync();
        await migration;

        Assert.Equal(1L, await pg.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'"));
        var warning = log.Messages[0];
        Assert.Contains("could not get its lock (canceling statement due to lock timeout; try 1,", warning);
        Assert.Contains("of the 120 s budget", warning);
        Assert.Contains($"blocked by server process {blocker.Pid} (application 'nightly_report', idle in transaction, transaction open", warning);
        Assert.Contains("query started", warning);
        Assert.True(warning.Contains(": SELECT count(*) FROM busy WHERE secret = 'password ***'", StringComparison.Ordinal), warning);
        Assert.DoesNotContain("hunter2", warning);
        Assert.Contains("ALTER TABLE busy ADD COLUMN note text", warning);
        Assert.Contains("try 2,", log.Messages[1]);
    }

    [PgFact]
    public async Task Behind_a_blocker_that_never_ends_the_revision_fails_after_the_wait_budget_naming_the_blocker()
    {
        await using var pg = await BusyTableAsync();
        await using var blocker = await BlockerAsync(pg);

        await using var database = Database.Open(pg.Url, new PostgreSqlDialect(new PostgreSqlOptions { LockWaitBudget = TimeSpan.FromSeconds(10) }));
        var log = new WarningLog();
        var migrator = new Migrator(database, InlineScript.Single(op => op.Execute("ALTER TABLE busy ADD COLUMN note text")), logger: log);
        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("canceling statement due to lock timeout. Gave up after", e.Message);
        Assert.Contains($"tries over", e.Message);
        Assert.Contains("(the lock wait budget is 10 s)", e.Message);
        Assert.Contains($"blocked by server process {blocker.Pid} (application 'nightly_report', idle in transaction", e.Message);
        Assert.Contains("raise PostgreSqlOptions.LockWaitBudget", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        // Every try but the last warned; the error counts them all.
        Assert.Contains($"Gave up after {log.Count + 1} tries", e.Message);
        // Rolled back: no column, no revision applied; the blocker never waited for anything.
        Assert.Equal(0L, await pg.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
    }

    [PgFact]
    public async Task A_data_batch_behind_a_row_lock_that_never_ends_fails_after_the_wait_budget_naming_the_blocker()
    {
        await using var pg = await BusyTableAsync();
        await using var holder = await pg.ConnectAsync();
        await new NpgsqlCommand("SET application_name = 'nightly_report'", holder).ExecuteNonQueryAsync();
        var pid = holder.ProcessID;
        await using var held = await holder.BeginTransactionAsync();
        await new NpgsqlCommand("UPDATE busy SET n = 7 WHERE id = 5", holder, held).ExecuteNonQueryAsync();

        await using var database = Database.Open(pg.Url, new PostgreSqlDialect(new PostgreSqlOptions { LockWaitBudget = TimeSpan.FromSeconds(10) }));
        var log = new WarningLog();
        var migrator = new Migrator(database, InlineScript.Single(op => op.Backfill("busy", "n = n + 1")), logger: log);
        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("Gave up a batch of revision r1", e.Message);
        Assert.Contains("(the lock wait budget is 10 s)", e.Message);
        Assert.Contains($"blocked by server process {pid} (application 'nightly_report', idle in transaction", e.Message);
        Assert.Contains("UPDATE busy SET n = 7 WHERE id = 5", e.Message);
        Assert.Contains(log.Messages, m => m.Contains($"blocked by server process {pid}", StringComparison.Ordinal));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
    }

    [PgFact]
    public async Task The_swap_of_a_copy_and_swap_behind_a_blocker_that_never_ends_fails_after_the_wait_budget_naming_the_blocker()
    {
        await using var pg = await BusyTableAsync();
        // A read lock does not stop the copy (its triggers take SHARE ROW EXCLUSIVE); it stops the swap.
        await using var blocker = await BlockerAsync(pg);

        await using var database = Database.Open(pg.Url, new PostgreSqlDialect(new PostgreSqlOptions { LockWaitBudget = TimeSpan.FromSeconds(10) }));
        var log = new WarningLog();
        var migrator = new Migrator(database, InlineScript.Single(op => op.Backfill("busy", "n = n + 1", strategy: BackfillStrategy.CopyAndSwap)), logger: log);
        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("(the lock wait budget is 10 s)", e.Message);
        Assert.Contains($"blocked by server process {blocker.Pid} (application 'nightly_report', idle in transaction", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.Contains(log.Messages, m => m.Contains($"blocked by server process {blocker.Pid}", StringComparison.Ordinal));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
        // The original is still the table: the swap never happened.
        Assert.Equal(0L, await pg.ScalarAsync<long>("SELECT count(*) FROM busy WHERE n <> 0"));
    }

    private static async Task<PgDatabase> BusyTableAsync()
    {
        var pg = await PgDatabase.CreateAsync();
        await pg.ExecuteAsync("CREATE TABLE busy (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0, secret text); INSERT INTO busy (id) SELECT generate_series(1, 10)");
        return pg;
    }

    /// <summary>
    /// A session named 'nightly_report' that read the table in a transaction it keeps open: its ACCESS SHARE lock
    /// blocks any ALTER. Its query holds something password-like, which no message may show.
    /// </summary>
    private static async Task<Blocker> BlockerAsync(PgDatabase pg)
    {
        var connection = await pg.ConnectAsync();
        await new NpgsqlCommand("SET application_name = 'nightly_report'", connection).ExecuteNonQueryAsync();
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("SELECT count(*) FROM busy WHERE secret = 'password hunter2'", connection, transaction).ExecuteScalarAsync();
        return new Blocker(connection, transaction);
    }

    private sealed class Blocker(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public int Pid => connection.ProcessID;

        public Task ReleaseAsync() => transaction.CommitAsync();

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>Collects the warnings the runner logs.</summary>
    private sealed class WarningLog : ILogger
    {
        private readonly List<string> _messages = [];

        public int Count { get { lock (_messages) return _messages.Count; } }

        public List<string> Messages { get { lock (_messages) return [.. _messages]; } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning) lock (_messages) _messages.Add(formatter(state, exception));
        }
    }
}
