using System.Data.Common;
using System.Globalization;
using Retort.Connections;

namespace Retort.Fleet.Internal;

/// <summary>
/// The status tables <c>retort_fleet</c> (one row per target) and <c>retort_fleet_runs</c> (one row per run) on one
/// connection, in any dialect. Every write is its own short statement (one transaction for a run's pending rows), so
/// a killed fleet leaves at worst a row in state running.
/// </summary>
internal sealed class FleetStatusStore : IAsyncDisposable
{
    public const string TargetsTable = "retort_fleet";
    public const string RunsTable = "retort_fleet_runs";

    private readonly Database _database;
    private readonly DbConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _targets;
    private readonly string _runs;

    private FleetStatusStore(Database database, DbConnection connection)
    {
        _database = database;
        _connection = connection;
        _targets = database.Dialect.QuoteIdentifier(TargetsTable);
        _runs = database.Dialect.QuoteIdentifier(RunsTable);
    }

    public string DisplayName => _database.DisplayName;

    /// <summary>Opens the store; null when it does not exist and <paramref name="create"/> is false.</summary>
    public static async Task<FleetStatusStore?> OpenAsync(string url, bool create, CancellationToken ct)
    {
        var database = Database.Open(url);
        try
        {
            if (!create && database.OpeningCreatesDatabase)
            {
                await database.DisposeAsync();
                return null;
            }
            var connection = await database.OpenConnectionAsync(ct);
            var store = new FleetStatusStore(database, connection);
            if (database.Dialect.Name == "sqlite")
                // Many small commits: a write-ahead log makes each cheap, and a killed process loses none of them.
                await store.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", ct);
            if (create) await store.CreateTablesAsync(ct);
            else if (!await store.TableExistsAsync(ct))
            {
                await store.DisposeAsync();
                return null;
            }
            return store;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private Task CreateTablesAsync(CancellationToken ct) => ExecuteAsync(
        $"CREATE TABLE IF NOT EXISTS {_targets} (target_key TEXT NOT NULL PRIMARY KEY, display_name TEXT NOT NULL, run_id TEXT NOT NULL, " +
        "operation TEXT NOT NULL, target_revision TEXT NOT NULL, current_revision TEXT NULL, state TEXT NOT NULL, error TEXT NULL, " +
        "started_at TEXT NULL, finished_at TEXT NULL, duration_ms BIGINT NULL); " +
        $"CREATE TABLE IF NOT EXISTS {_runs} (run_id TEXT NOT NULL PRIMARY KEY, operation TEXT NOT NULL, target TEXT NOT NULL, state TEXT NOT NULL, " +
        "started_at TEXT NOT NULL, finished_at TEXT NULL, total BIGINT NOT NULL, done BIGINT NOT NULL, failed BIGINT NOT NULL, skipped BIGINT NOT NULL, reason TEXT NULL)", ct);

    private async Task<bool> TableExistsAsync(CancellationToken ct)
    {
        try
        {
            await using var command = Command($"SELECT COUNT(*) FROM {_runs}");
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (DbException) { return false; }
    }

    /// <summary>Every target's state, operation and target revision, read once per run.</summary>
    public async Task<Dictionary<string, (FleetTargetState State, string Operation, string TargetRevision)>> ReadStatesAsync(CancellationToken ct)
    {
        var states = new Dictionary<string, (FleetTargetState, string, string)>(StringComparer.Ordinal);
        await _gate.WaitAsync(ct);
        try
        {
            await using var command = Command($"SELECT target_key, state, operation, target_revision FROM {_targets}");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                states[reader.GetString(0)] = (ParseState(reader.GetString(1)), reader.GetString(2), reader.GetString(3));
        }
        finally { _gate.Release(); }
        return states;
    }

    public Task StartRunAsync(string runId, string operation, string target, int total, DateTimeOffset startedAt, CancellationToken ct) => WriteAsync(
        $"INSERT INTO {_runs} (run_id, operation, target, state, started_at, total, done, failed, skipped) VALUES (@run, @op, @target, 'running', @at, @total, 0, 0, 0)",
        ct, ("run", runId), ("op", operation), ("target", target), ("at", Time(startedAt)), ("total", (long)total));

    /// <summary>The targets this run will try, pending, in one transaction.</summary>
    public async Task MarkPendingAsync(string runId, string operation, string targetRevision, IReadOnlyList<FleetTarget> targets, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var transaction = await _connection.BeginTransactionAsync(ct);
            await using var command = Command(
                $"INSERT INTO {_targets} (target_key, display_name, run_id, operation, target_revision, state) VALUES (@key, @name, @run, @op, @rev, 'pending') " +
                "ON CONFLICT (target_key) DO UPDATE SET display_name = excluded.display_name, run_id = excluded.run_id, operation = excluded.operation, " +
                "target_revision = excluded.target_revision, state = 'pending', error = NULL, started_at = NULL, finished_at = NULL, duration_ms = NULL");
            command.Transaction = transaction;
            var key = Parameter(command, "key", "");
            var name = Parameter(command, "name", "");
            Parameter(command, "run", runId);
            Parameter(command, "op", operation);
            Parameter(command, "rev", targetRevision);
            foreach (var target in targets)
            {
                key.Value = target.Key;
                name.Value = target.DisplayName;
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally { _gate.Release(); }
    }

    public Task MarkRunningAsync(FleetTarget target, DateTimeOffset startedAt, CancellationToken ct) => WriteAsync(
        $"UPDATE {_targets} SET state = 'running', started_at = @at WHERE target_key = @key", ct, ("at", Time(startedAt)), ("key", target.Key));

    public Task MarkFinishedAsync(FleetTarget target, FleetTargetState state, IReadOnlyList<string> current, string? error, DateTimeOffset finishedAt,
        TimeSpan duration, CancellationToken ct) => WriteAsync(
        $"UPDATE {_targets} SET state = @state, current_revision = @current, error = @error, finished_at = @at, duration_ms = @ms WHERE target_key = @key", ct,
        ("state", StateText(state)), ("current", Revisions(current)), ("error", error), ("at", Time(finishedAt)),
        ("ms", (long)duration.TotalMilliseconds), ("key", target.Key));

    /// <summary>The run's targets it never started, skipped with the reason.</summary>
    public Task MarkNotStartedAsync(string runId, string reason, CancellationToken ct) => WriteAsync(
        $"UPDATE {_targets} SET state = 'skipped', error = @reason WHERE run_id = @run AND state = 'pending'", ct, ("reason", reason), ("run", runId));

    public Task FinishRunAsync(string runId, string state, DateTimeOffset finishedAt, int done, int failed, int skipped, string? reason, CancellationToken ct) => WriteAsync(
        $"UPDATE {_runs} SET state = @state, finished_at = @at, done = @done, failed = @failed, skipped = @skipped, reason = @reason WHERE run_id = @run", ct,
        ("state", state), ("at", Time(finishedAt)), ("done", (long)done), ("failed", (long)failed), ("skipped", (long)skipped), ("reason", reason), ("run", runId));

    /// <summary>The whole table, for <c>fleet status</c>.</summary>
    public async Task<FleetStatus> ReadAsync(CancellationToken ct)
    {
        FleetRunRow? last = null;
        var rows = new List<FleetStatusRow>();
        await _gate.WaitAsync(ct);
        try
        {
            await using (var command = Command($"SELECT run_id, operation, target, state, started_at, finished_at, total, done, failed, skipped, reason FROM {_runs} ORDER BY started_at DESC, run_id DESC"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
                if (await reader.ReadAsync(ct))
                    last = new FleetRunRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseTime(reader.GetString(4)),
                        reader.IsDBNull(5) ? null : ParseTime(reader.GetString(5)), Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
                        Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
                        Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture), reader.IsDBNull(10) ? null : reader.GetString(10));
            await using (var command = Command($"SELECT target_key, display_name, run_id, operation, target_revision, current_revision, state, error, started_at, finished_at, duration_ms FROM {_targets} ORDER BY target_key"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    rows.Add(new FleetStatusRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), ParseState(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetString(7),
                        reader.IsDBNull(8) ? null : ParseTime(reader.GetString(8)), reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
                        reader.IsDBNull(10) ? null : TimeSpan.FromMilliseconds(Convert.ToInt64(reader.GetValue(10), CultureInfo.InvariantCulture))));
        }
        finally { _gate.Release(); }
        return new FleetStatus(DisplayName, last, rows);
    }

    public static string StateText(FleetTargetState state) => state.ToString().ToLowerInvariant();

    public static string? Revisions(IReadOnlyList<string> heads) => heads.Count == 0 ? null : string.Join(",", heads);

    private static FleetTargetState ParseState(string text) => Enum.TryParse<FleetTargetState>(text, ignoreCase: true, out var s) ? s : FleetTargetState.Pending;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private async Task WriteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var command = Command(sql);
            foreach (var (name, value) in parameters) Parameter(command, name, value);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally { _gate.Release(); }
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _database.DisposeAsync();
        _gate.Dispose();
    }
}
