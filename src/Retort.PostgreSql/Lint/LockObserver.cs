using Npgsql;
using Retort.Lint;
using Retort.Lint.Rules;
using Retort.PostgreSql.Internal;
using Retort.PostgreSql.Lint.Internal;

namespace Retort.PostgreSql.Lint;

/// <summary>
/// Runs a statement on a real PostgreSQL database and reports what it did to each relation: the lock modes it held
/// (from <c>pg_locks</c>, for its own backend), whether it wrote a new relation file (<c>pg_class.relfilenode</c> before
/// and after: a rewrite) and how many scans it started (<c>pg_stat_xact_user_tables</c>). This is how the lint rules'
/// claims are checked against the server (<c>retort lint --verify</c> on a schema-only shadow database, and the rule
/// tests).
/// </summary>
/// <remarks>
/// A statement that can run in a transaction runs in one; the locks are read after it, before the transaction ends
/// (rolled back unless <c>keep</c> is true, so the database is left as it was). A statement PostgreSQL runs only
/// outside a transaction (<c>VACUUM</c>, <c>… CONCURRENTLY</c>) cannot be observed that way: a second connection holds
/// ROW EXCLUSIVE and SHARE UPDATE EXCLUSIVE on <c>blockTable</c> while the statement starts (weaker requests, such as
/// the ACCESS SHARE lock VACUUM takes first to look the table up, are granted; every request of SHARE UPDATE EXCLUSIVE
/// or stronger waits), and the mode the statement waits for is read from <c>pg_locks</c>; then the blocker commits and
/// the statement completes (it is not undone). Only that first strong lock is seen, and scans are not counted.
/// </remarks>
/// <param name="connectionString">An Npgsql connection string for the database to run on (a shadow or scratch database: statements outside a transaction stay applied).</param>
public sealed class LockObserver(string connectionString)
{
    // User relations only: tables, partitioned tables, materialized views and indexes outside the system schemas.
    private const string Relations =
        "SELECT c.oid, n.nspname, c.relname, c.relfilenode FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "WHERE c.relkind IN ('r', 'p', 'm', 'i') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";

    private const string Scans = "SELECT relid, seq_scan + coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables";

    private const string HeldLocks =
        "SELECT l.relation, l.mode FROM pg_locks l WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted";

    /// <summary>How long a statement run outside a transaction may take to reach its lock before observing fails.</summary>
    public TimeSpan WaitLimit { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs <paramref name="sql"/> (one statement, or several separated by semicolons that run in one transaction) and
    /// reports what it did.
    /// </summary>
    /// <param name="sql">The statement(s).</param>
    /// <param name="blockTable">
    /// For a statement that runs only outside a transaction: the table whose lock is observed (SQL, quoted as needed).
    /// Null reads it from the statement (the table of <c>CREATE INDEX</c>, <c>VACUUM</c> and <c>REINDEX TABLE</c>; the
    /// index's table, from the catalogue, for <c>DROP INDEX</c> and <c>REINDEX INDEX</c>); a statement with no table
    /// (<c>VACUUM</c> of the whole database) runs unobserved and the observation is empty.
    /// </param>
    /// <param name="keep">True to commit the transaction (the statement stays applied, as on a shadow database run statement by statement); false to roll it back.</param>
    /// <param name="cancellationToken">Cancels the observation.</param>
    public async Task<LockObservation> ObserveAsync(string sql, string? blockTable = null, bool keep = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (StatementClassifier.OutsideTransactionOnly(sql) is null) return await ObserveInTransactionAsync(sql, keep, cancellationToken);
        blockTable ??= await WatchedTableAsync(sql, cancellationToken);
        if (blockTable is not null) return await ObserveOutsideTransactionAsync(sql, blockTable, cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection)) await command.ExecuteNonQueryAsync(cancellationToken);
        return new LockObservation([], InTransaction: false);
    }

    // The table a statement that runs outside a transaction works on: named in it, or the table of the index it names.
    private async Task<string?> WatchedTableAsync(string sql, CancellationToken cancellationToken)
    {
        var statement = new LintStatement(sql, PostgreSqlDialect.Flavor);
        if (PgSql.CreateIndex(statement) is { } create) return Quote(create.Table);
        var t = statement.Tokens;
        var i = 1;
        if (LintSql.Is(t, 0, "VACUUM"))
        {
            if (i < t.Count && t[i].IsSymbol('(')) i = LintSql.CloseOf(t, i) + 1;
            while (i < t.Count && (t[i].Is("FULL") || t[i].Is("FREEZE") || t[i].Is("VERBOSE") || t[i].Is("ANALYZE"))) i++;
            return LintSql.ReadName(t, ref i) is { } vacuumed ? Quote(vacuumed) : null;
        }
        SqlTableName? index = null;
        if (LintSql.Is(t, 0, "REINDEX"))
        {
            if (i < t.Count && t[i].IsSymbol('(')) i = LintSql.CloseOf(t, i) + 1;
            var kind = i < t.Count ? t[i++] : default;
            LintSql.Skip(t, ref i, "CONCURRENTLY");
            var name = LintSql.ReadName(t, ref i);
            if (kind.Is("TABLE")) return name is null ? null : Quote(name);
            if (kind.Is("INDEX")) index = name;
        }
        else if (LintSql.At(t, 0, "DROP", "INDEX"))
        {
            i = 2;
            LintSql.Skip(t, ref i, "CONCURRENTLY");
            LintSql.Skip(t, ref i, "IF", "EXISTS");
            index = LintSql.ReadName(t, ref i);
        }
        if (index is null) return null;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = to_regclass(@name)", connection);
        command.Parameters.AddWithValue("name", Quote(index));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string Quote(SqlTableName name) =>
        (name.Schema is null ? "" : "\"" + name.Schema.Replace("\"", "\"\"") + "\".") + "\"" + name.Name.Replace("\"", "\"\"") + "\"";

    private async Task<LockObservation> ObserveInTransactionAsync(string sql, bool keep, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await ReadRelationsAsync(connection, cancellationToken);
        var scansBefore = await ReadScansAsync(connection, cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        var locks = new List<(uint Relation, string Mode)>();
        await using (var command = new NpgsqlCommand(HeldLocks, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) locks.Add((reader.GetFieldValue<uint>(0), reader.GetString(1)));
        var after = await ReadRelationsAsync(connection, cancellationToken);
        var scansAfter = await ReadScansAsync(connection, cancellationToken);
        if (keep) await transaction.CommitAsync(cancellationToken);
        else await transaction.RollbackAsync(cancellationToken);
        return new LockObservation(Combine(before, after, locks, r => scansBefore.ContainsKey(r) || scansAfter.ContainsKey(r)
            ? scansAfter.GetValueOrDefault(r) - scansBefore.GetValueOrDefault(r) : null), InTransaction: true);
    }

    private async Task<LockObservation> ObserveOutsideTransactionAsync(string sql, string blockTable, CancellationToken cancellationToken)
    {
        await using var runner = new NpgsqlConnection(connectionString);
        await runner.OpenAsync(cancellationToken);
        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync(cancellationToken);
        var before = await ReadRelationsAsync(runner, cancellationToken);
        var pid = runner.ProcessID;
        var locks = new List<(uint Relation, string Mode)>();
        await using (var transaction = await blocker.BeginTransactionAsync(cancellationToken))
        {
            await using (var lockCommand = new NpgsqlCommand($"LOCK TABLE {blockTable} IN ROW EXCLUSIVE MODE; LOCK TABLE {blockTable} IN SHARE UPDATE EXCLUSIVE MODE", blocker, transaction))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            await using var statement = new NpgsqlCommand(sql, runner);
            var running = statement.ExecuteNonQueryAsync(cancellationToken);
            var started = DateTime.UtcNow;
            while (locks.Count == 0 && !running.IsCompleted)
            {
                await using (var poll = new NpgsqlCommand("SELECT relation, mode FROM pg_locks WHERE pid = @pid AND locktype = 'relation' AND NOT granted", blocker, transaction))
                {
                    poll.Parameters.AddWithValue("pid", pid);
                    await using var reader = await poll.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken)) locks.Add((reader.GetFieldValue<uint>(0), reader.GetString(1)));
                }
                if (locks.Count > 0) break;
                if (DateTime.UtcNow - started > WaitLimit)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    await running.ContinueWith(_ => { }, TaskScheduler.Default);
                    throw new TimeoutException($"Observing the statement timed out after {WaitLimit.TotalSeconds:0} s: it neither waited for a lock on {blockTable} nor completed.");
                }
                await Task.Delay(20, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            await running;
        }
        var after = await ReadRelationsAsync(runner, cancellationToken);
        return new LockObservation(Combine(before, after, locks, _ => null), InTransaction: false);
    }

    private static List<RelationObservation> Combine(
        Dictionary<uint, (string Schema, string Name, uint File)> before, Dictionary<uint, (string Schema, string Name, uint File)> after,
        List<(uint Relation, string Mode)> locks, Func<uint, long?> scans)
    {
        var result = new List<RelationObservation>();
        foreach (var (oid, now) in after)
        {
            var modes = locks.Where(l => l.Relation == oid).Select(l => l.Mode).Distinct().ToList();
            var rewritten = before.TryGetValue(oid, out var was) && was.File != now.File;
            if (modes.Count == 0 && !rewritten) continue;
            result.Add(new RelationObservation(now.Schema, now.Name, modes, rewritten, scans(oid)));
        }
        return result;
    }

    private static async Task<Dictionary<uint, (string Schema, string Name, uint File)>> ReadRelationsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var result = new Dictionary<uint, (string, string, uint)>();
        await using var command = new NpgsqlCommand(Relations, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result[reader.GetFieldValue<uint>(0)] = (reader.GetString(1), reader.GetString(2), reader.GetFieldValue<uint>(3));
        return result;
    }

    private static async Task<Dictionary<uint, long>> ReadScansAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var result = new Dictionary<uint, long>();
        await using var command = new NpgsqlCommand(Scans, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result[reader.GetFieldValue<uint>(0)] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        return result;
    }
}
