using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Dialects;
using Retort.Operations;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDialect
{
    private const string RetrySavepoint = "retort_lock_retry";

    /// <summary>
    /// Runs a statement. A DDL statement that fails with <c>lock_not_available</c> (its <c>lock_timeout</c>
    /// expired) is retried with exponential backoff; inside a transaction it runs under a savepoint, because a
    /// failed statement would otherwise abort the whole revision. Concurrent index builds first drop an INVALID
    /// index a crashed earlier build left behind, and run without a lock timeout (they block no writer).
    /// </summary>
    public override async Task ExecuteStatementAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken)
    {
        if (!statement.Transactional && statement.Sql.Contains(" CONCURRENTLY ", StringComparison.Ordinal))
        {
            await ExecuteConcurrentAsync(command, statement, logger, cancellationToken);
            return;
        }
        if (!IsDdl(statement.Sql))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        var transaction = command.Transaction as NpgsqlTransaction;
        // Savepoint, statement and release travel in one round trip; on a lock timeout the savepoint is set and
        // the release never ran, so rolling back to it keeps the revision's transaction usable.
        if (transaction is not null)
            command.CommandText = $"SAVEPOINT {RetrySavepoint};\n{statement.Sql}\n;\nRELEASE SAVEPOINT {RetrySavepoint}";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable && attempt <= Options.LockRetries)
            {
                if (transaction is not null) await transaction.RollbackAsync(RetrySavepoint, cancellationToken);
                var delay = RetryDelay(attempt);
                logger.LogWarning("Could not get the lock for a DDL statement within lock_timeout (attempt {Attempt} of {Max}); " +
                    "other sessions hold it. Retrying in {Delay} ms: {Sql}", attempt, Options.LockRetries + 1, (long)delay.TotalMilliseconds, FirstLine(statement.Sql));
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public override bool RunsOutsideTransaction(MigrationOperation operation) =>
        operation is CreateIndexOperation { Concurrently: true } or DropIndexOperation { Concurrently: true } or AddEnumValueOperation;

    private TimeSpan RetryDelay(int attempt)
    {
        var ms = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        ms = Math.Min(ms, Options.RetryMaxDelay.TotalMilliseconds);
        // Jitter keeps several waiting deployers from retrying in lockstep.
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    private async Task ExecuteConcurrentAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = command.Connection!;
        if (_concurrentBuilds.TryGetValue(statement, out var indexName))
        {
            var state = await ScalarAsync(connection, "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(@name)", indexName, cancellationToken);
            if (state is false)
            {
                logger.LogWarning("Index {Index} is INVALID (left by an interrupted concurrent build); dropping it and building it again.", indexName);
                await ExecuteAsync(connection, $"DROP INDEX CONCURRENTLY IF EXISTS {indexName}", cancellationToken);
            }
        }
        var previous = (string?)await ScalarAsync(connection, "SELECT current_setting('lock_timeout')", null, cancellationToken);
        await ExecuteAsync(connection, "SET lock_timeout = 0", cancellationToken);
        try { await command.ExecuteNonQueryAsync(cancellationToken); }
        finally
        {
            await using var restore = connection.CreateCommand();
            restore.CommandText = "SELECT set_config('lock_timeout', @value, false)";
            restore.Parameters.Add(new NpgsqlParameter("value", previous ?? "0"));
            await restore.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, string? name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null) command.Parameters.Add(new NpgsqlParameter("name", name));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static bool IsDdl(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        foreach (var keyword in (string[])["ALTER ", "CREATE ", "DROP ", "COMMENT ", "TRUNCATE ", "LOCK "])
            if (text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static string FirstLine(string sql)
    {
        var line = sql.Split('\n')[0].Trim();
        return line.Length > 120 ? line[..117] + "..." : line;
    }
}
