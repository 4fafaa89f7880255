using System.Data.Common;
using System.Globalization;
using Npgsql;
using Retort.Dialects;
using Retort.Operations;
using Retort.PostgreSql.Internal;

namespace Retort.PostgreSql;

/// <summary>
/// PostgreSQL's part of batched data steps: batches written with binary <c>COPY</c>, row estimates from the
/// planner's statistics for big tables, and replica replay lag from <c>pg_stat_replication</c>.
/// </summary>
public sealed class PostgreSqlDataMigrations(PostgreSqlDialect dialect) : DataMigrationSupport(dialect)
{
    private const long CountBelow = 100_000;

    /// <summary>Tables the statistics call big are estimated (<c>pg_class.reltuples</c>); smaller ones and queries are counted.</summary>
    public override async Task<long?> EstimateRowsAsync(DbConnection connection, string source, bool isQuery, CancellationToken cancellationToken)
    {
        if (!isQuery)
        {
            await using var command = new NpgsqlCommand("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(@name)", (NpgsqlConnection)connection);
            command.Parameters.AddWithValue("name", source);
            if (await command.ExecuteScalarAsync(cancellationToken) is long estimate && estimate >= CountBelow) return estimate;
        }
        return await base.EstimateRowsAsync(connection, source, isQuery, cancellationToken);
    }

    /// <summary>
    /// True when the key is one column of type <c>smallint</c>, <c>integer</c> or <c>bigint</c>: its values are
    /// integers and its unique index finds the next one by a seek, so a batch can be bounded by key value without
    /// reading the batch's keys first.
    /// </summary>
    public override async Task<bool> CanBatchByKeyRangeAsync(DbConnection connection, string tableName, string? schema, IReadOnlyList<string> keys,
        CancellationToken cancellationToken)
    {
        if (keys.Count != 1) return false;
        await using var command = new NpgsqlCommand(
            "SELECT format_type(a.atttypid, NULL) FROM pg_attribute a WHERE a.attrelid = to_regclass(@table) AND a.attname = @key AND NOT a.attisdropped",
            (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("table", Dialect.QualifyName(schema, tableName));
        command.Parameters.AddWithValue("key", keys[0]);
        return await command.ExecuteScalarAsync(cancellationToken) is "smallint" or "integer" or "bigint";
    }

    /// <summary>
    /// Reads the table's catalog for a copy-and-swap backfill and refuses, before anything changes, a table that
    /// other objects refer to by OID (views, foreign keys from other tables, triggers, policies, publications,
    /// inheritance), a SET clause that assigns a key or generated column, or one that is not plain <c>column = expression</c> items.
    /// </summary>
    public override async Task<TableCopy> CreateTableCopyAsync(DbConnection connection, BackfillOperation backfill, IReadOnlyList<string> keys,
        bool resuming, CancellationToken cancellationToken) =>
        new PostgreSqlTableCopy((PostgreSqlDialect)Dialect,
            await TableCopyPlan.ReadAsync((NpgsqlConnection)connection, (PostgreSqlDialect)Dialect, backfill, keys, resuming, cancellationToken));

    /// <summary>Opens a writer that sends the batch with <c>COPY … FROM STDIN (FORMAT BINARY)</c> inside the batch's transaction.</summary>
    public override async Task<RowWriter> OpenWriterAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var types = await ColumnTypesAsync(npgsql, table, columns, cancellationToken);
        var copy = $"COPY {table} ({string.Join(", ", columns.Select(Dialect.QuoteIdentifier))}) FROM STDIN (FORMAT BINARY)";
        return new CopyRowWriter(await npgsql.BeginBinaryImportAsync(copy, cancellationToken), types, types.Select(Converter).ToArray());
    }

    private sealed class CopyRowWriter(NpgsqlBinaryImporter importer, string[] types, Func<object, object>[] convert) : RowWriter
    {
        // Values are written synchronously: they go to Npgsql's write buffer, flushed as it fills, and one await per
        // value would cost more than the value itself.
        public override ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken)
        {
            importer.StartRow();
            for (var c = 0; c < types.Length; c++)
            {
                if (row[c] is null or DBNull) importer.WriteNull();
                else importer.Write(convert[c](row[c]!), types[c]);
            }
            return ValueTask.CompletedTask;
        }

        public override async Task CompleteAsync(CancellationToken cancellationToken) => await importer.CompleteAsync(cancellationToken);

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    /// <summary>
    /// Converts a value to the CLR type the column's binary format expects when C# produced a different numeric
    /// type (a <c>long</c> for an <c>integer</c> column); other values are written as they are.
    /// </summary>
    private static Func<object, object> Converter(string dataType) => dataType switch
    {
        "pg_catalog.int2" => v => v is short ? v : Convert.ToInt16(v, CultureInfo.InvariantCulture),
        "pg_catalog.int4" => v => v is int ? v : Convert.ToInt32(v, CultureInfo.InvariantCulture),
        "pg_catalog.int8" => v => v is long ? v : Convert.ToInt64(v, CultureInfo.InvariantCulture),
        "pg_catalog.numeric" => v => v is decimal ? v : Convert.ToDecimal(v, CultureInfo.InvariantCulture),
        "pg_catalog.float8" => v => v is double ? v : Convert.ToDouble(v, CultureInfo.InvariantCulture),
        "pg_catalog.float4" => v => v is float ? v : Convert.ToSingle(v, CultureInfo.InvariantCulture),
        _ => v => v,
    };

    private static async Task<string[]> ColumnTypesAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.attname, n.nspname || '.' || t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid " +
            "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped", connection);
        command.Parameters.AddWithValue("table", table);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) found[reader.GetString(0)] = reader.GetString(1);
        if (found.Count == 0) throw new RetortException($"Cannot write to {table}: the table does not exist.");
        return columns.Select(c => found.TryGetValue(c, out var type) ? type
            : throw new RetortException($"Cannot write to {table}: it has no column '{c}' (columns come from the output type's properties; it has {string.Join(", ", found.Keys)}).")).ToArray();
    }

    /// <summary>
    /// The server's message with its context (which row of which table the batch waited for), and the sessions that
    /// hold locks on the table: server process id, application, state, how long its transaction has been open and
    /// the lock modes it holds (never its query text, which may hold data).
    /// </summary>
    public override async Task<string> DescribeLockFailureAsync(DbConnection connection, Exception failure, string table, CancellationToken cancellationToken)
    {
        var e = failure;
        while (e is not PostgresException && e.InnerException is not null) e = e.InnerException;
        var message = e is PostgresException p ? p.MessageText + (p.Where is { Length: > 0 } where ? ", " + where : "") : e.Message;
        var holders = new List<string>();
        await using var command = new NpgsqlCommand("""
            SELECT l.pid, string_agg(DISTINCT l.mode, ', '), a.state, extract(epoch FROM clock_timestamp() - a.xact_start)::bigint, a.application_name
              FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.relation = to_regclass(@table) AND l.granted AND l.pid <> pg_backend_pid()
             GROUP BY l.pid, a.state, a.xact_start, a.application_name ORDER BY a.xact_start LIMIT 5
            """, (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("table", table);
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
            while (await r.ReadAsync(cancellationToken))
            {
                var application = r.IsDBNull(4) || r.GetString(4).Length == 0 ? "" : $"application '{r.GetString(4)}', ";
                var state = r.IsDBNull(2) ? "state unknown" : r.GetString(2);
                var open = r.IsDBNull(3) ? "" : $", transaction open {r.GetInt64(3)} s";
                holders.Add($"server process {r.GetInt32(0)} ({application}{state}{open}) holds {r.GetString(1)}");
            }
        return holders.Count == 0 ? message : $"{message}; on {table}: {string.Join("; ", holders)}";
    }

    /// <summary>The replay lag of the standby whose <c>application_name</c> is <paramref name="replicaName"/>.</summary>
    public override async Task<TimeSpan?> GetReplicaLagAsync(DbConnection connection, string replicaName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(replay_lag, interval '0') FROM pg_stat_replication WHERE application_name = @name", (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("name", replicaName);
        return await command.ExecuteScalarAsync(cancellationToken) switch
        {
            TimeSpan lag => lag,
            _ => throw new RetortException($"The replica '{replicaName}' is not connected: pg_stat_replication has no row with that application_name. " +
                "Check the name (the standby's primary_conninfo application_name) or leave ReplicaName unset."),
        };
    }
}
