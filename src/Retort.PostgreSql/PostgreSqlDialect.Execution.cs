using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Dialects;
using Retort.Operations;
using Retort.Sql;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDialect
{
    private const string RetrySavepoint = "retort_lock_retry";

    /// <summary>
    /// Runs a statement. A DDL statement that fails with a lock failure (<see cref="IsLockFailure"/>: its
    /// <c>lock_timeout</c> expired, or a deadlock) is retried with <see cref="LockRetryDelay"/>'s backoff; inside a
    /// transaction it goes through <see cref="ExecuteBatchAsync"/> (a batch of one), whose savepoint keeps the
    /// revision usable after a failed attempt. Concurrent index builds first drop an INVALID
    /// index a crashed earlier build left behind, and run without a lock timeout (they block no writer).
    /// Statements are classified by their words as <see cref="SqlWords"/> reads them: comments before a statement do
    /// not count.
    /// </summary>
    public override async Task ExecuteStatementAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken)
    {
        if (!statement.Transactional && (SqlWords.Contains(statement.Sql, "CONCURRENTLY", Flavor) || _concurrentBuilds.TryGetValue(statement, out _)))
        {
            await ExecuteConcurrentAsync(command, statement, logger, cancellationToken);
            return;
        }
        if (!IsDdl(statement.Sql))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        if (command.Transaction is NpgsqlTransaction transaction)
        {
            await ExecuteBatchAsync(command.Connection!, transaction, [statement], logger, cancellationToken);
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (IsLockFailure(e) && LockRetryDelay(attempt) is { } delay)
            {
                await BackOffAsync(attempt, delay, e, statement, logger, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>PostgreSQL: <c>lock_not_available</c> (55P03, the <c>lock_timeout</c> expired) and <c>deadlock_detected</c> (40P01).</remarks>
    public override bool IsLockFailure(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected }) return true;
        return false;
    }

    /// <inheritdoc />
    /// <remarks>
    /// PostgreSQL: <see cref="PostgreSqlOptions.RetryBaseDelay"/>, doubled with every further attempt up to
    /// <see cref="PostgreSqlOptions.RetryMaxDelay"/>, ±20 %; <see cref="PostgreSqlOptions.LockRetries"/> retries.
    /// </remarks>
    public override TimeSpan? LockRetryDelay(int attempt)
    {
        if (attempt < 1 || attempt > Options.LockRetries) return null;
        var ms = Options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        ms = Math.Min(ms, Options.RetryMaxDelay.TotalMilliseconds);
        // Jitter keeps several waiting deployers from retrying in lockstep.
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>True: a round trip to the server costs more than most DDL statements.</summary>
    public override bool BatchesStatements => true;

    // The mark is a setting local to the transaction holding the server's clock as seconds since the epoch (text that
    // parses the same whatever DateStyle is). Without a mark (a revision with a transaction of its own, which needs
    // no extra statement) the revision started when its transaction did.
    /// <inheritdoc />
    public override string? RevisionStartMarkSql =>
        "SELECT set_config('retort.revision_started', extract(epoch FROM clock_timestamp())::text, true)";

    /// <inheritdoc />
    public override string? RevisionElapsedMillisecondsSql =>
        "((extract(epoch FROM clock_timestamp()) - COALESCE(NULLIF(current_setting('retort.revision_started', true), '')::numeric, " +
        "extract(epoch FROM transaction_timestamp()))) * 1000)::bigint";

    /// <summary>
    /// Sends the statements as one <see cref="NpgsqlBatch"/>: one round trip for a revision's DDL and its version
    /// and history rows. From its first DDL statement on, a batch runs under one savepoint; when a statement hits its
    /// <c>lock_timeout</c>, the batch is rolled back to that savepoint, which also releases every lock taken since,
    /// so nothing is held while backing off, and is sent again from that statement after the backoff. (A
    /// savepoint per statement would resume at the statement that waited, but costs the server a subtransaction
    /// per statement and keeps the earlier statements' locks through the wait.)
    /// </summary>
    public override async Task ExecuteBatchAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements,
        ILogger logger, CancellationToken cancellationToken)
    {
        if (transaction is not NpgsqlTransaction npgsqlTransaction)
        {
            await base.ExecuteBatchAsync(connection, transaction, statements, logger, cancellationToken);
            return;
        }
        if (statements.Count == 0) return;
        await RunBatchAsync((NpgsqlConnection)connection, npgsqlTransaction, statements, commit: false, logger, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ExecuteBatchAsync"/>, with <c>COMMIT</c> as the batch's last command: a revision in its own
    /// transaction costs one round trip. Npgsql sees the transaction end and completes the
    /// <see cref="NpgsqlTransaction"/>. A statement's failure leaves the transaction open and failed (the server
    /// skips the rest of the batch, <c>COMMIT</c> included); a failing <c>COMMIT</c> (a deferred constraint) ends it.
    /// </summary>
    public override async Task ExecuteBatchAndCommitAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements,
        ILogger logger, CancellationToken cancellationToken)
    {
        if (transaction is not NpgsqlTransaction npgsqlTransaction || statements.Count == 0)
        {
            await base.ExecuteBatchAndCommitAsync(connection, transaction, statements, logger, cancellationToken);
            return;
        }
        await RunBatchAsync((NpgsqlConnection)connection, npgsqlTransaction, statements, commit: true, logger, cancellationToken);
    }

    private static readonly SqlStatement CommitStatement = new("COMMIT");

    private async Task RunBatchAsync(NpgsqlConnection connection, NpgsqlTransaction npgsqlTransaction, IReadOnlyList<SqlStatement> statements,
        bool commit, ILogger logger, CancellationToken cancellationToken)
    {
        // A batch command holds one statement: text with several (op.Execute("A; B")) becomes several commands,
        // each judged DDL or not by itself.
        var pieces = new List<(string Sql, int Owner)>();
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].Parameters.Count == 0 && statements[i].Sql.Contains(';'))
                foreach (var piece in SqlSplitter.Split(statements[i].Sql, Flavor)) pieces.Add((piece, i));
            else pieces.Add((statements[i].Sql, i));
        }
        if (pieces.Count == 0)
        {
            // Nothing but comments: nothing to send.
            if (commit) await npgsqlTransaction.CommitAsync(cancellationToken);
            return;
        }
        // The savepoint starts at the first DDL command: what comes before it (the revision's start mark) runs once.
        var firstDdl = pieces.FindIndex(p => IsDdl(p.Sql));
        var start = 0;
        for (var attempt = 1; ; attempt++)
        {
            await using var batch = new NpgsqlBatch(connection, npgsqlTransaction);
            // owner[c]: the statement behind the batch's command c (the savepoint's commands count as the statement
            // next to them; -1 is the commit); retryable[c]: at or after the savepoint.
            var owner = new List<int>();
            var retryable = new List<bool>();
            for (var p = start; p < pieces.Count; p++)
            {
                if (p == firstDdl) Add(p, $"SAVEPOINT {RetrySavepoint}", null);
                Add(p, pieces[p].Sql, statements[pieces[p].Owner]);
            }
            if (firstDdl >= 0) Add(pieces.Count - 1, $"RELEASE SAVEPOINT {RetrySavepoint}", null);
            if (commit) { batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT")); owner.Add(-1); retryable.Add(false); }
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.BatchCommand is { } failed && batch.BatchCommands.IndexOf(failed) is var at and >= 0)
            {
                if (owner[at] < 0) throw new Runner.StatementFailedException(CommitStatement, e.Message, e);
                var statement = statements[owner[at]];
                if (!retryable[at] || !IsLockFailure(e) || LockRetryDelay(attempt) is not { } delay)
                    throw new Runner.StatementFailedException(statement, e.Message, e);
                try
                {
                    // One plain command, not NpgsqlTransaction.RollbackAsync(name) and ReleaseAsync(name): Npgsql's
                    // ReleaseAsync makes its round trip synchronously. The native tool runs socket continuations
                    // inline, on the thread that waits for socket events; a synchronous read there waits for an event
                    // only that thread could deliver, and stalls until the command timeout (30 s) breaks the wait.
                    await ExecuteAsync(connection, $"ROLLBACK TO SAVEPOINT {RetrySavepoint}; RELEASE SAVEPOINT {RetrySavepoint}", cancellationToken);
                }
                catch (DbException again)
                {
                    throw new Runner.StatementFailedException(statement, again.Message, again);
                }
                await BackOffAsync(attempt, delay, e, statement, logger, cancellationToken);
                start = firstDdl;
            }
            catch (DbException e)
            {
                // A failure the batch cannot attribute to one statement (the connection broke): name the first one sent.
                throw new Runner.StatementFailedException(statements[pieces[start].Owner], e.Message, e);
            }

            void Add(int piece, string sql, SqlStatement? parameters)
            {
                var command = new NpgsqlBatchCommand(sql);
                if (parameters is not null)
                    foreach (var (name, value) in parameters.Parameters)
                        command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                batch.BatchCommands.Add(command);
                owner.Add(pieces[piece].Owner);
                retryable.Add(firstDdl >= 0 && piece >= firstDdl);
            }
        }
    }

    /// <inheritdoc />
    public override bool RunsOutsideTransaction(MigrationOperation operation) =>
        operation is CreateIndexOperation { Concurrently: true } or DropIndexOperation { Concurrently: true } or AddEnumValueOperation
        || base.RunsOutsideTransaction(operation);

    /// <inheritdoc />
    public override string? WhyNotInTransaction(string sql)
    {
        var t = SqlWords.TopLevel(sql, Flavor);
        bool Is(int i, string word) => SqlWords.Is(t, i, word);
        bool Has(string word) => t.Any(w => w.Is(word));
        var index = Is(1, "UNIQUE") ? 2 : 1;
        var what =
            Is(0, "CREATE") && Is(index, "INDEX") && Is(index + 1, "CONCURRENTLY") ? "CREATE INDEX CONCURRENTLY"
            : Is(0, "DROP") && Is(1, "INDEX") && Is(2, "CONCURRENTLY") ? "DROP INDEX CONCURRENTLY"
            : Is(0, "REINDEX") && Has("CONCURRENTLY") ? "REINDEX CONCURRENTLY"
            : Is(0, "REINDEX") && (Is(1, "DATABASE") || Is(1, "SYSTEM")) ? "REINDEX " + t[1].Text.ToUpperInvariant()
            : Is(0, "ALTER") && Is(1, "TABLE") && Has("DETACH") && Has("CONCURRENTLY") ? "DETACH PARTITION CONCURRENTLY"
            : Is(0, "VACUUM") ? "VACUUM"
            : Is(0, "ALTER") && Is(1, "SYSTEM") ? "ALTER SYSTEM"
            : (Is(0, "CREATE") || Is(0, "DROP")) && (Is(1, "DATABASE") || Is(1, "TABLESPACE")) ? t[0].Text.ToUpperInvariant() + " " + t[1].Text.ToUpperInvariant()
            : null;
        return what is null ? null : $"PostgreSQL runs {what} only outside a transaction block";
    }

    /// <summary>Logs a DDL statement's failed attempt to get its lock and waits before the next one.</summary>
    private async Task BackOffAsync(int attempt, TimeSpan delay, PostgresException failure, SqlStatement statement, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogWarning("A DDL statement could not get its lock ({Reason}; attempt {Attempt} of {Max}): other sessions hold it. " +
            "Retrying in {Delay} ms: {Sql}", failure.MessageText, attempt, Options.LockRetries + 1, (long)delay.TotalMilliseconds, FirstLine(statement.Sql));
        await Task.Delay(delay, cancellationToken);
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

    // Statements that wait for a table lock other sessions' work may hold (DDL, LOCK, ANALYZE's SHARE UPDATE
    // EXCLUSIVE); the first word decides, comments before it do not count.
    private static bool IsDdl(string sql) =>
        SqlWords.StartsWithAny(sql, Flavor, "ALTER", "CREATE", "DROP", "COMMENT", "TRUNCATE", "LOCK", "ANALYZE");

    private static string FirstLine(string sql)
    {
        var line = SqlWords.WithoutLeadingComments(sql, Flavor).Split('\n')[0].Trim();
        return line.Length > 120 ? line[..117] + "..." : line;
    }
}
