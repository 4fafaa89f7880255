using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Retort.Dialects;
using Retort.Sql;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// How PostgreSQL runs a migration's statements: batched into one round trip per revision, schema changes under the
/// session's <c>lock_timeout</c> and retried by the <see cref="PostgreSqlRetryPolicy"/> from a savepoint (so nothing is
/// held while backing off), concurrent index builds without a lock timeout after removing an interrupted build's
/// INVALID leftover, and the revision timed by the server.
/// </summary>
internal sealed class PostgreSqlExecution(PostgreSqlOptions options) : StatementExecution
{
    private const string RetrySavepoint = "retort_lock_retry";
    private static readonly SqlStatement CommitStatement = new("COMMIT");

    public override RetryPolicy Retry { get; } = new PostgreSqlRetryPolicy(options);

    /// <summary>
    /// Runs a statement. A schema change that meets a lock failure is retried; inside a transaction it goes through
    /// <see cref="ExecuteBatchAsync"/> (a batch of one), whose savepoint keeps the revision usable after a failed attempt.
    /// </summary>
    public override async Task ExecuteStatementAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken)
    {
        var kind = StatementClassifier.KindOf(statement);
        if (kind == StatementKind.ConcurrentIndex && !statement.Transactional)
        {
            await ExecuteConcurrentAsync(command, statement, logger, cancellationToken);
            return;
        }
        if (kind != StatementKind.Schema)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        if (command.Transaction is NpgsqlTransaction transaction)
        {
            await ExecuteBatchAsync(command.Connection!, transaction, [statement], logger, cancellationToken);
            return;
        }
        await Retry.RunAsync(_ => command.ExecuteNonQueryAsync(cancellationToken),
            retry => { LogRetry(retry, statement, logger); return Task.CompletedTask; }, retry => GaveUp(retry, statement), cancellationToken,
            watched: command.Connection);
    }

    /// <summary>True: a round trip to the server costs more than most DDL statements.</summary>
    public override bool BatchesStatements => true;

    // The mark is a setting local to the transaction holding the server's clock as seconds since the epoch (text that
    // parses the same whatever DateStyle is). Without a mark (a revision with a transaction of its own, which needs
    // no extra statement) the revision started when its transaction did.
    public override string? RevisionStartMarkSql =>
        "SELECT set_config('retort.revision_started', extract(epoch FROM clock_timestamp())::text, true)";

    public override string? RevisionElapsedMillisecondsSql =>
        "((extract(epoch FROM clock_timestamp()) - COALESCE(NULLIF(current_setting('retort.revision_started', true), '')::numeric, " +
        "extract(epoch FROM transaction_timestamp()))) * 1000)::bigint";

    /// <summary>
    /// Sends the statements as one <see cref="NpgsqlBatch"/>: one round trip for a revision's DDL and its version
    /// and history rows. From its first schema change on, a batch runs under one savepoint; when a statement meets a
    /// lock failure, the batch is rolled back to that savepoint, which also releases every lock taken since, so
    /// nothing is held while backing off, and is sent again from that statement after the backoff. (A savepoint per
    /// statement would resume at the statement that waited, but costs the server a subtransaction per statement and
    /// keeps the earlier statements' locks through the wait.)
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

    private async Task RunBatchAsync(NpgsqlConnection connection, NpgsqlTransaction npgsqlTransaction, IReadOnlyList<SqlStatement> statements,
        bool commit, ILogger logger, CancellationToken cancellationToken)
    {
        // A batch command holds one statement: text with several (op.Execute("A; B")) becomes several commands,
        // each judged a schema change or not by itself unless its statement says what it is.
        var pieces = new List<(string Sql, int Owner, bool Schema)>();
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (statement.Parameters.Count == 0 && statement.Sql.Contains(';'))
                foreach (var piece in SqlSplitter.Split(statement.Sql, PostgreSqlDialect.Flavor))
                    pieces.Add((piece, i, statement.Kind == StatementKind.Schema || (statement.Kind == StatementKind.Unclassified && StatementClassifier.KindOf(piece) == StatementKind.Schema)));
            else pieces.Add((statement.Sql, i, StatementClassifier.KindOf(statement) == StatementKind.Schema));
        }
        if (pieces.Count == 0)
        {
            // Nothing but comments: nothing to send.
            if (commit) await npgsqlTransaction.CommitAsync(cancellationToken);
            return;
        }
        // The savepoint starts at the first schema change: what comes before it (the revision's start mark) runs once.
        var firstSchema = pieces.FindIndex(p => p.Schema);
        var start = 0;
        // The statement whose lock failure the retry is about, for the log line and the error.
        SqlStatement? waiting = null;
        await Retry.RunAsync(async _ =>
        {
            await using var batch = new NpgsqlBatch(connection, npgsqlTransaction);
            // owner[c]: the statement behind the batch's command c (the savepoint's commands count as the statement
            // next to them; -1 is the commit); retryable[c]: at or after the savepoint.
            var owner = new List<int>();
            var retryable = new List<bool>();
            for (var p = start; p < pieces.Count; p++)
            {
                if (p == firstSchema) Add(p, $"SAVEPOINT {RetrySavepoint}", null);
                Add(p, pieces[p].Sql, statements[pieces[p].Owner]);
            }
            if (firstSchema >= 0) Add(pieces.Count - 1, $"RELEASE SAVEPOINT {RetrySavepoint}", null);
            if (commit) { batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT")); owner.Add(-1); retryable.Add(false); }
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.BatchCommand is { } failed && batch.BatchCommands.IndexOf(failed) is var at and >= 0)
            {
                if (owner[at] < 0) throw new StatementFailedException(CommitStatement, e.Message, e);
                waiting = statements[owner[at]];
                // Only a failure after the savepoint can be undone and sent again; anything else is the statement's error.
                if (!retryable[at] || !Retry.IsLockFailure(e)) throw new StatementFailedException(waiting, e.Message, e);
                throw;
            }
            catch (DbException e)
            {
                // A failure the batch cannot attribute to one statement (the connection broke): name the first one sent.
                throw new StatementFailedException(statements[pieces[start].Owner], e.Message, e);
            }

            void Add(int piece, string sql, SqlStatement? parameters)
            {
                var command = new NpgsqlBatchCommand(sql);
                if (parameters is not null)
                    foreach (var (name, value) in parameters.Parameters)
                        command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                batch.BatchCommands.Add(command);
                owner.Add(pieces[piece].Owner);
                retryable.Add(firstSchema >= 0 && piece >= firstSchema);
            }
        },
        async retry =>
        {
            var statement = waiting!;
            if (retry.Delay is null) throw GaveUp(retry, statement);
            try
            {
                // One plain command, not NpgsqlTransaction.RollbackAsync(name) and ReleaseAsync(name): Npgsql's
                // ReleaseAsync makes its round trip synchronously. The native tool runs socket continuations
                // inline, on the thread that waits for socket events; a synchronous read there waits for an event
                // only that thread could deliver, and stalls until the command timeout (30 s) breaks the wait.
                await PgCommand.ExecuteAsync(connection, $"ROLLBACK TO SAVEPOINT {RetrySavepoint}; RELEASE SAVEPOINT {RetrySavepoint}", cancellationToken);
            }
            catch (DbException again)
            {
                throw new StatementFailedException(statement, again.Message, again);
            }
            LogRetry(retry, statement, logger);
            start = firstSchema;
        }, null, cancellationToken, canRetry: e => e is PostgresException, watched: connection);
    }

    /// <summary>Logs a schema change's failed attempt to get its lock; the policy then waits before the next one.</summary>
    private static void LogRetry(LockRetry retry, SqlStatement statement, ILogger logger)
    {
        if (retry.Delay is not { } delay) return;
        logger.LogWarning(RetortEventIds.LockRetry, "A DDL statement could not get its lock ({Reason}; {Summary}). Nothing is held while it waits; " +
            "retrying in {Delay} ms: {Sql}", Reason(retry), retry.Summary, (long)delay.TotalMilliseconds, StatementClassifier.FirstLine(statement.Sql));
    }

    /// <summary>The error of a statement whose lock waits used up the retries or the wait budget.</summary>
    private static StatementFailedException GaveUp(LockRetry retry, SqlStatement statement) =>
        new(statement, $"{Reason(retry)}. Gave up after {retry.Attempt} {(retry.Attempt == 1 ? "try" : "tries")} over {retry.Waited.TotalSeconds:0.0} s of waiting" +
            (retry.Budget is { } b ? $" (the lock wait budget is {b.TotalSeconds:0.#} s)" : "") +
            (retry.Blockers is { Length: > 0 } who ? $"; blocked by {who}" : "; the blocking session was not seen (it may have ended)") +
            ". Let that session finish (or end it with pg_terminate_backend), or raise PostgreSqlOptions.LockWaitBudget, then run the upgrade again.",
            retry.Failure);

    private static string Reason(LockRetry retry) => retry.Failure is PostgresException p ? p.MessageText : retry.Failure.Message;

    private static async Task ExecuteConcurrentAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = command.Connection!;
        if (statement.BuildsIndex is { } indexName)
        {
            var state = await PgCommand.ScalarAsync(connection, "SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(@name)", indexName, cancellationToken);
            if (state is false)
            {
                logger.LogWarning(RetortEventIds.IndexRebuilt, "Index {Index} is INVALID (left by an interrupted concurrent build); dropping it and building it again.", indexName);
                await PgCommand.ExecuteAsync(connection, $"DROP INDEX CONCURRENTLY IF EXISTS {indexName}", cancellationToken);
            }
        }
        var previous = (string?)await PgCommand.ScalarAsync(connection, "SELECT current_setting('lock_timeout')", null, cancellationToken);
        await PgCommand.ExecuteAsync(connection, "SET lock_timeout = 0", cancellationToken);
        try { await command.ExecuteNonQueryAsync(cancellationToken); }
        finally
        {
            await using var restore = connection.CreateCommand();
            restore.CommandText = "SELECT set_config('lock_timeout', @value, false)";
            restore.Parameters.Add(new NpgsqlParameter("value", previous ?? "0"));
            await restore.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
