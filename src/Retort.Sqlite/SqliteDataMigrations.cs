using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Retort.Dialects;

namespace Retort.Sqlite;

/// <summary>
/// SQLite's part of batched data steps: the base's keyset SQL and prepared multi-row INSERTs, with rows written
/// while the source is still being read. One SQLite connection can step a SELECT and run INSERTs into another
/// table at the same time, so a transformation never holds a whole batch in memory.
/// </summary>
public sealed class SqliteDataMigrations(SqliteDialect dialect) : DataMigrationSupport(dialect)
{
    /// <inheritdoc />
    public override bool CanWriteWhileReading => true;

    /// <summary>
    /// For a one-column key, the batch's last key is <c>max()</c> over the batch's keys (which SQLite orders as
    /// <c>ORDER BY</c> does, by the column's collation): the keys are read once, where the base's query materializes
    /// them, counts them and sorts them again in reverse (about four times the work on 100,000 keys).
    /// </summary>
    public override string NextBatchBoundarySql(string table, IReadOnlyList<string> keys, bool first)
    {
        if (keys.Count != 1) return base.NextBatchBoundarySql(table, keys, first);
        var key = Dialect.QuoteIdentifier(keys[0]);
        var after = first ? "" : " WHERE " + KeyCondition(keys, ">", "k");
        return $"SELECT retort_last, retort_rows FROM (SELECT max({key}) AS retort_last, count(*) AS retort_rows " +
               $"FROM (SELECT {key} FROM {table}{after} ORDER BY {key} {Limit("limit")})) WHERE retort_rows > 0";
    }

    /// <summary>
    /// True when the key is the table's rowid (its one <c>INTEGER PRIMARY KEY</c> column of a rowid table): always
    /// an integer, found by a seek, and the rows themselves are stored in its order, so walking a batch's keys
    /// would read the batch's rows once more. A rowid primary key is the one primary key SQLite keeps no
    /// separate index for, which tells it from <c>WITHOUT ROWID</c> tables and <c>INTEGER PRIMARY KEY DESC</c>.
    /// </summary>
    public override async Task<bool> CanBatchByKeyRangeAsync(DbConnection connection, string tableName, string? schema, IReadOnlyList<string> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count != 1) return false;
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT count(*) FROM pragma_table_info(@table, @schema) WHERE pk > 0) = 1 " +
            "AND EXISTS (SELECT 1 FROM pragma_table_info(@table, @schema) WHERE pk = 1 AND name = @key COLLATE NOCASE AND upper(type) = 'INTEGER') " +
            "AND NOT EXISTS (SELECT 1 FROM pragma_index_list(@table, @schema) WHERE origin = 'pk')";
        AddParameter(command, "@table", tableName);
        AddParameter(command, "@schema", schema ?? "main");
        AddParameter(command, "@key", keys[0]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Keeps statement journals in memory while the step runs (<c>PRAGMA temp_store = MEMORY</c>). A batch's
    /// <c>UPDATE</c> runs inside the transaction that also saves its checkpoint, and SQLite then keeps the original
    /// of every page the statement changes in a statement journal, which by default spills to a temporary file:
    /// writing that file took ten 100,000-row batches of <c>UPDATE</c> from 0.77 s to 0.97 s. In memory the journal holds about one
    /// batch's pages (batches are bounded by <see cref="Operations.BatchOptions.MaxBatchSize"/>). The setting is left
    /// alone when the connection has temporary tables, since changing it deletes them, and restored afterwards.
    /// </summary>
    public override async Task<IAsyncDisposable?> PrepareConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var before = Convert.ToInt64(await ScalarAsync(connection, "PRAGMA temp_store", cancellationToken), CultureInfo.InvariantCulture);
        if (before == MemoryTempStore || !await NoTemporaryObjectsAsync(connection, cancellationToken)) return null;
        await ScalarAsync(connection, $"PRAGMA temp_store = {MemoryTempStore}", cancellationToken);
        return new Restore(async () =>
        {
            // Runs after a failed step too: a setting that cannot be put back must not hide the step's own error.
            try
            {
                if (connection.State == System.Data.ConnectionState.Open && await NoTemporaryObjectsAsync(connection, CancellationToken.None))
                    await ScalarAsync(connection, $"PRAGMA temp_store = {before.ToString(CultureInfo.InvariantCulture)}", CancellationToken.None);
            }
            catch (SqliteException)
            {
            }
        });
    }

    private const int MemoryTempStore = 2;

    private static async Task<bool> NoTemporaryObjectsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM temp.sqlite_master", cancellationToken), CultureInfo.InvariantCulture) == 0;

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    /// <summary>
    /// A table's row count is estimated from its rowid range, two lookups at the ends of the table's b-tree,
    /// where <c>count(*)</c> would read every page of a large table just to size a progress bar. Tables without
    /// a rowid and queries are counted.
    /// </summary>
    public override async Task<long?> EstimateRowsAsync(DbConnection connection, string source, bool isQuery, CancellationToken cancellationToken)
    {
        if (!isQuery)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT (SELECT max(rowid) FROM {source}), (SELECT min(rowid) FROM {source})";
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                if (reader.IsDBNull(0)) return 0;
                // Rowids spread over more than 2^63 values (negative and huge keys) give no estimate: counted below.
                var range = (decimal)reader.GetInt64(0) - reader.GetInt64(1) + 1;
                if (range <= long.MaxValue) return (long)range;
            }
            catch (SqliteException)
            {
                // WITHOUT ROWID: no rowid to range over.
            }
        }
        return await base.EstimateRowsAsync(connection, source, isQuery, cancellationToken);
    }
}
