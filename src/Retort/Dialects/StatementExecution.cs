using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Retort.Dialects;

/// <summary>
/// How a dialect runs a migration's statements: one at a time or batched into round trips, with its
/// <see cref="RetryPolicy"/> for lock failures, and the server-side timing of a revision sent with it. Every
/// statement a run executes passes through here (from the runner's single emit point).
/// </summary>
public class StatementExecution
{
    /// <summary>The retry policy for lock failures; the default retries nothing.</summary>
    public virtual RetryPolicy Retry { get; } = new();

    /// <summary>
    /// Executes the command of one migration statement. The default runs it once; a dialect overrides it to retry
    /// what the database refused for a passing reason (PostgreSQL: a DDL statement that hit its <c>lock_timeout</c>).
    /// </summary>
    public virtual Task ExecuteStatementAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken) =>
        command.ExecuteNonQueryAsync(cancellationToken);

    /// <summary>
    /// True when a client-server round trip costs more than the statement (PostgreSQL): the executor then holds
    /// back the statements of an open transaction that return nothing and sends them together through
    /// <see cref="ExecuteBatchAsync"/> when the run next reads, commits or runs C#, or at the end of a revision.
    /// </summary>
    public virtual bool BatchesStatements => false;

    /// <summary>
    /// Runs statements in order, inside <paramref name="transaction"/>, in as few round trips as the database
    /// allows, with the retries <see cref="ExecuteStatementAsync"/> would make. A statement the database refuses
    /// throws <see cref="StatementFailedException"/> naming it; the ones before it ran. The default runs them one at
    /// a time.
    /// </summary>
    public virtual async Task ExecuteBatchAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand(statement, transaction);
            try { await ExecuteStatementAsync(command, statement, logger, cancellationToken); }
            catch (DbException e) { throw new StatementFailedException(statement, e.Message, e); }
        }
    }

    /// <summary>
    /// Runs statements as <see cref="ExecuteBatchAsync"/> does, then commits <paramref name="transaction"/>; a
    /// dialect that can sends the commit together with them (one round trip for a revision). A failure, of a
    /// statement or of the commit, throws <see cref="StatementFailedException"/>; the transaction is then either
    /// still open (to be rolled back) or already ended by the database.
    /// </summary>
    public virtual async Task ExecuteBatchAndCommitAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements,
        ILogger logger, CancellationToken cancellationToken)
    {
        await ExecuteBatchAsync(connection, transaction, statements, logger, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A statement that notes in the current transaction when a revision starts, or null; goes with
    /// <see cref="RevisionElapsedMillisecondsSql"/>. With <see cref="BatchesStatements"/>, a revision's history row
    /// is sent together with its statements, before the client knows how long they take; the pair lets the
    /// database measure it. The runner sends the mark only for a revision that shares its transaction.
    /// </summary>
    public virtual string? RevisionStartMarkSql => null;

    /// <summary>
    /// A SQL expression for the milliseconds since <see cref="RevisionStartMarkSql"/> ran in this transaction, or
    /// since the transaction began when it did not; null when the database cannot measure it.
    /// </summary>
    public virtual string? RevisionElapsedMillisecondsSql => null;
}
