using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Retort.Dialects;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// Watches one try on a migration connection from a second connection of the same database: from half the session's
/// <c>lock_timeout</c> on, it asks <c>pg_blocking_pids()</c> which sessions the try waits for and keeps the last answer,
/// described from <c>pg_stat_activity</c> (server process id, application, state, transaction and query age, the first
/// 80 characters of the query with anything password-like hidden). The second connection is opened the first time a
/// try runs that long, holds no lock (it reads only the statistics views, outside any transaction) and is closed with
/// the migration connection. A try that ends sooner costs a timer.
/// </summary>
internal sealed partial class PostgreSqlBlockerWatch : LockWaitWatch
{
    private const int QueryChars = 80;
    private static readonly ConditionalWeakTable<NpgsqlConnection, Observer> Observers = new();

    private readonly object _gate = new();
    private readonly Observer _observer;
    private readonly int _pid;
    private readonly TimeSpan _first;
    private readonly Timer _timer;
    private CancellationTokenSource? _stop;
    private Task _watching = Task.CompletedTask;
    private bool _disposed;
    private volatile string? _blockers;

    // Most tries end long before the first look (a run of many small revisions has one try per revision): until then
    // a try costs one timer, which is disposed without waking another thread, and no task, token or exception.
    private PostgreSqlBlockerWatch(Observer observer, int pid, TimeSpan first)
    {
        _observer = observer;
        _pid = pid;
        _first = first;
        _timer = new Timer(static state => ((PostgreSqlBlockerWatch)state!).Begin(), this, first, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public override string? Blockers => _blockers;

    /// <summary>
    /// Starts watching the try about to run on <paramref name="connection"/>; <paramref name="expectedWait"/> is how long
    /// the loop's previous try waited (null: the session's lock_timeout, from the URL or the options).
    /// </summary>
    public static PostgreSqlBlockerWatch Start(NpgsqlConnection connection, PostgreSqlOptions options, TimeSpan? expectedWait)
    {
        var observer = Observers.GetValue(connection, c => new Observer(c, options));
        var wait = expectedWait ?? observer.LockTimeout;
        var first = TimeSpan.FromMilliseconds(Math.Clamp(wait.TotalMilliseconds / 2, 10, 250));
        return new PostgreSqlBlockerWatch(observer, connection.ProcessID, first);
    }

    // The try has run for the first interval: look now, then every interval until it ends.
    private void Begin()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _stop = new CancellationTokenSource();
            _watching = WatchAsync(_stop.Token);
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        try
        {
            var every = TimeSpan.FromMilliseconds(Math.Max(_first.TotalMilliseconds, 100));
            while (!stop.IsCancellationRequested)
            {
                // Not cancelled midway: a cancelled query would cost the server a cancel request and this side a reconnect.
                if (await _observer.BlockersOfAsync(_pid) is { } seen) _blockers = seen;
                await Task.Delay(every, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // Naming the blocker is a courtesy of the warning: the try itself goes on.
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        Task watching;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            _disposed = true;
            watching = _watching;
            stop = _stop;
        }
        await _timer.DisposeAsync();
        if (stop is null) return;
        await stop.CancelAsync();
        await watching;
        stop.Dispose();
    }

    /// <summary>Hides the value after anything password-like (<c>PASSWORD 'x'</c>, <c>password=x</c>) in query text.</summary>
    internal static string Redact(string query) => PasswordPattern().Replace(query, m => m.Groups[1].Value + "***");

    [GeneratedRegex(@"(?i)(password\s*(?:=\s*|\s+))('(?:[^']|'')*'?|""[^""]*""?|[^\s,;)'""]+)")]
    private static partial Regex PasswordPattern();

    [GeneratedRegex(@"(?i)(?:^|\s)-c\s*lock_timeout\s*=\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?")]
    private static partial Regex LockTimeoutSetting();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The second connection of one migration connection, and that session's lock_timeout.</summary>
    private sealed class Observer
    {
        private readonly NpgsqlConnection _watched;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private NpgsqlConnection? _connection;

        public Observer(NpgsqlConnection watched, PostgreSqlOptions options)
        {
            _watched = watched;
            LockTimeout = UrlLockTimeout(watched) ?? options.LockTimeout;
            watched.StateChange += (_, e) =>
            {
                if (e.CurrentState != System.Data.ConnectionState.Closed) return;
                Observers.Remove(watched);
                _connection?.Dispose();
                _connection = null;
            };
        }

        public TimeSpan LockTimeout { get; }

        public async Task<string?> BlockersOfAsync(int pid)
        {
            await _gate.WaitAsync();
            try
            {
                if (_connection is null)
                {
                    // A clone keeps the credentials the migration connection was opened with.
                    var connection = (NpgsqlConnection)((ICloneable)_watched).Clone();
                    await connection.OpenAsync();
                    await using (var setup = new NpgsqlCommand("SET statement_timeout = '5s'; SET lock_timeout = '1s'", connection))
                        await setup.ExecuteNonQueryAsync();
                    _connection = connection;
                }
                await using var command = new NpgsqlCommand("""
                    SELECT a.pid, a.state, a.application_name,
                           extract(epoch FROM clock_timestamp() - a.xact_start)::float8,
                           extract(epoch FROM clock_timestamp() - a.query_start)::float8,
                           left(a.query, 400)
                      FROM pg_stat_activity a
                     WHERE a.pid = ANY (pg_blocking_pids(@pid))
                     ORDER BY a.xact_start NULLS LAST
                     LIMIT 3
                    """, _connection);
                command.Parameters.AddWithValue("pid", pid);
                var found = new List<string>();
                await using (var r = await command.ExecuteReaderAsync())
                    while (await r.ReadAsync())
                        found.Add(Describe(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                            r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetString(5)));
                return found.Count == 0 ? null : string.Join("; ", found);
            }
            finally { _gate.Release(); }
        }

        private static TimeSpan? UrlLockTimeout(NpgsqlConnection connection)
        {
            var options = new NpgsqlConnectionStringBuilder(connection.ConnectionString).Options;
            if (options is null || LockTimeoutSetting().Match(options) is not { Success: true } m) return null;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var ms = m.Groups[2].Value switch
            {
                "us" => value / 1000, "s" => value * 1000, "min" => value * 60_000, "h" => value * 3_600_000, "d" => value * 86_400_000, _ => value,
            };
            // 0 turns the timeout off: the try may wait long, so it is looked at as with the default.
            return ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;
        }
    }

    /// <summary>"server process 4242 (application 'report', idle in transaction, transaction open 12 s, query started 11.3 s ago: SELECT …)".</summary>
    internal static string Describe(int pid, string? state, string? application, double? transactionAge, double? queryAge, string? query)
    {
        var parts = new StringBuilder();
        if (application is { Length: > 0 }) parts.Append(CultureInfo.InvariantCulture, $"application '{application}', ");
        parts.Append(state ?? "state unknown");
        if (transactionAge is { } t) parts.Append(CultureInfo.InvariantCulture, $", transaction open {t:0.0} s");
        if (query is { Length: > 0 })
        {
            var text = Whitespace().Replace(Redact(query), " ").Trim();
            if (text.Length > QueryChars) text = text[..QueryChars] + "…";
            parts.Append(queryAge is { } q ? string.Create(CultureInfo.InvariantCulture, $", query started {q:0.0} s ago: {text}") : $", query: {text}");
        }
        return $"server process {pid} ({parts})";
    }
}
