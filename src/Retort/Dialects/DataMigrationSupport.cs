using System.Data.Common;
using System.Globalization;

namespace Retort.Dialects;

/// <summary>
/// The database-specific part of batched data steps: keyset batch queries (row-value comparisons on the key,
/// never OFFSET), row estimates, bulk writes and replica lag. The base writes standard SQL and prepared
/// multi-row INSERTs; dialects override what their database does better (PostgreSQL: binary COPY).
/// Key values are parameters <c>@k0</c>, <c>@k1</c>, … (after) and <c>@u0</c>, … (up to and including).
/// </summary>
public class DataMigrationSupport(Dialect dialect)
{
    /// <summary>The dialect.</summary>
    protected Dialect Dialect { get; } = dialect;

    /// <summary>
    /// Parameters per INSERT statement of the base writer (rows per statement: this divided by the column count).
    /// Small on purpose: SQLite finds each bound parameter by a linear search of the statement's names on every
    /// execution, so the cost of a statement grows with the square of its parameters.
    /// </summary>
    protected virtual int MaxParametersPerStatement => 32;

    /// <summary>The key condition <c>(a, b) &gt; (@k0, @k1)</c> with the given operator and parameter prefix.</summary>
    public virtual string KeyCondition(IReadOnlyList<string> keys, string comparison, string prefix, string? alias = null)
    {
        var columns = keys.Select(k => (alias is null ? "" : alias + ".") + Dialect.QuoteIdentifier(k)).ToList();
        var parameters = keys.Select((_, i) => "@" + prefix + i.ToString(CultureInfo.InvariantCulture)).ToList();
        return keys.Count == 1
            ? $"{columns[0]} {comparison} {parameters[0]}"
            : $"({string.Join(", ", columns)}) {comparison} ({string.Join(", ", parameters)})";
    }

    /// <summary><c>ORDER BY</c> list of the key.</summary>
    public virtual string KeyOrder(IReadOnlyList<string> keys, bool descending = false) =>
        string.Join(", ", keys.Select(k => Dialect.QuoteIdentifier(k) + (descending ? " DESC" : "")));

    /// <summary>A row limit clause for <paramref name="parameter"/>.</summary>
    public virtual string Limit(string parameter) => "LIMIT @" + parameter;

    /// <summary>
    /// The last key of the next batch and the batch's row count: one row (key columns, count) or none when no
    /// key follows the checkpoint. <paramref name="first"/>: no checkpoint yet.
    /// </summary>
    public virtual string NextBatchBoundarySql(string table, IReadOnlyList<string> keys, bool first)
    {
        var cols = string.Join(", ", keys.Select(Dialect.QuoteIdentifier));
        var after = first ? "" : " WHERE " + KeyCondition(keys, ">", "k");
        return $"WITH retort_batch AS (SELECT {cols} FROM {table}{after} ORDER BY {KeyOrder(keys)} {Limit("limit")}) " +
               $"SELECT {cols}, (SELECT count(*) FROM retort_batch) FROM retort_batch ORDER BY {KeyOrder(keys, descending: true)} LIMIT 1";
    }

    /// <summary>
    /// True when a backfill of <paramref name="tableName"/> may bound its batches by key value instead of by row
    /// count: the key is one column holding unique integers that the database finds by a seek. A batch then
    /// updates the keys from the next existing one up to that plus the batch size, so no query has to walk the
    /// batch's keys to find where it ends (on SQLite that walk reads every row of a rowid table once more). The base: never.
    /// </summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="tableName">The table's name, unquoted.</param>
    /// <param name="schema">The table's schema, or null.</param>
    /// <param name="keys">The key columns the batches walk.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public virtual Task<bool> CanBatchByKeyRangeAsync(DbConnection connection, string tableName, string? schema, IReadOnlyList<string> keys,
        CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>The smallest key after <c>@k0</c> (or the smallest key when <paramref name="first"/>): one row, null when none follows.</summary>
    public virtual string NextKeySql(string table, string key, bool first) =>
        $"SELECT min({Dialect.QuoteIdentifier(key)}) FROM {table}{(first ? "" : " WHERE " + KeyCondition([key], ">", "k"))}";

    /// <summary>The UPDATE of one batch: rows whose key is after the checkpoint and up to the batch's last key.</summary>
    public virtual string UpdateBatchSql(string table, string set, string? where, IReadOnlyList<string> keys, bool first)
    {
        var range = (first ? "" : KeyCondition(keys, ">", "k") + " AND ") + KeyCondition(keys, "<=", "u");
        // A line break after the SET clause: a "--" comment at its end must not hide the batch's key range.
        return $"UPDATE {table} SET {set}\nWHERE {range}{(where is null ? "" : $" AND ({where})")}";
    }

    /// <summary>
    /// Checks that <paramref name="backfill"/> can run by copy and swap on its table and reads what the copy must
    /// carry over, before anything changes. The base refuses: only dialects that override this support the strategy.
    /// </summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="backfill">The backfill, with <see cref="Operations.BackfillStrategy.CopyAndSwap"/>.</param>
    /// <param name="keys">The key columns the batches walk.</param>
    /// <param name="resuming">True when an earlier run of the step committed a checkpoint, so its copy exists.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <exception cref="RetortException">The table or the backfill cannot be copied and swapped; the message says why.</exception>
    public virtual Task<TableCopy> CreateTableCopyAsync(DbConnection connection, Operations.BackfillOperation backfill, IReadOnlyList<string> keys,
        bool resuming, CancellationToken cancellationToken) =>
        throw new RetortException($"Cannot run '{backfill.Describe()}': the {Dialect.Name} dialect has no copy-and-swap backfill. " +
            "Leave out the strategy (or use BackfillStrategy.InPlace) to update the rows in place.");

    /// <summary>The whole backfill as one UPDATE (offline scripts).</summary>
    public virtual string UpdateAllSql(string table, string set, string? where) =>
        $"UPDATE {table} SET {set}{(where is null ? "" : $" WHERE {where}")}";

    /// <summary>One batch of a transformation's source: rows after the checkpoint in key order, at most <c>@limit</c>.</summary>
    /// <param name="source">A quoted table name, or a query in parentheses.</param>
    /// <param name="isQuery">True when <paramref name="source"/> is a query.</param>
    /// <param name="keys">Key columns.</param>
    /// <param name="first">No checkpoint yet.</param>
    public virtual string SelectBatchSql(string source, bool isQuery, IReadOnlyList<string> keys, bool first)
    {
        var from = isQuery ? $"({source}) AS retort_source" : source;
        var after = first ? "" : " WHERE " + KeyCondition(keys, ">", "k");
        return $"SELECT * FROM {from}{after} ORDER BY {KeyOrder(keys)} {Limit("limit")}";
    }

    /// <summary>Estimated rows of a source (for progress); null when unknown. The base counts them.</summary>
    public virtual async Task<long?> EstimateRowsAsync(DbConnection connection, string source, bool isQuery, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {(isQuery ? $"({source}) AS retort_source" : source)}";
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Opens a writer for one batch of rows into <paramref name="table"/> inside <paramref name="transaction"/>.
    /// The base sends prepared multi-row INSERT statements of at most <see cref="MaxParametersPerStatement"/>
    /// parameters.
    /// </summary>
    public virtual Task<RowWriter> OpenWriterAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        CancellationToken cancellationToken) =>
        Task.FromResult<RowWriter>(new InsertRowWriter(Dialect, connection, transaction, table, columns, MaxParametersPerStatement));

    /// <summary>
    /// True when rows may be written on a connection while a reader of the same connection is still open (SQLite),
    /// so a transformation streams each row from the source to the target. Otherwise (PostgreSQL, where one
    /// connection runs one command at a time) a batch is read first and written after.
    /// </summary>
    public virtual bool CanWriteWhileReading => false;

    /// <summary>
    /// Prepares the connection for a batched data step, before its first batch and outside any transaction, and
    /// returns what restores the connection afterwards (null: nothing to restore). The base changes nothing.
    /// </summary>
    public virtual Task<IAsyncDisposable?> PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>
    /// Says, for an error message, what kept a data batch on <paramref name="table"/> from its lock: the database's
    /// message and, where the database can tell, which sessions hold locks on the table. The base: the message.
    /// </summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="failure">The lock failure (see <see cref="RetryPolicy.IsLockFailure"/>).</param>
    /// <param name="table">The table, quoted as <see cref="Dialect.QualifyName"/> quotes it.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    public virtual Task<string> DescribeLockFailureAsync(DbConnection connection, Exception failure, string table, CancellationToken cancellationToken) =>
        Task.FromResult((failure.InnerException ?? failure).Message);

    /// <summary>
    /// The replay lag of the named replica, or null when the database cannot tell (the base: never). A dialect
    /// that supports replicas throws a clear error when the replica is not connected.
    /// </summary>
    public virtual Task<TimeSpan?> GetReplicaLagAsync(DbConnection connection, string replicaName, CancellationToken cancellationToken) =>
        Task.FromResult<TimeSpan?>(null);
}
