using System.Data.Common;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Internal;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>Executes statements on an open connection, logging each through Microsoft.Extensions.Logging.</summary>
public sealed class OnlineExecutor : MigrationExecutor
{
    private readonly DbConnection _connection;
    private readonly Dialect _dialect;
    private readonly RetortLoggers _loggers;
    private DbTransaction? _transaction;
    // Statements held back to be sent together (Dialect.Execution.BatchesStatements), in order.
    private readonly List<SqlStatement> _pending = [];

    /// <summary>Creates an executor on an open connection; <paramref name="logger"/>, when given, receives every log category.</summary>
    public OnlineExecutor(DbConnection connection, Dialect dialect, ILogger? logger)
        : this(connection, dialect, RetortLoggers.From(logger))
    {
    }

    /// <summary>Creates an executor on an open connection that logs SQL, lock retries and steps each to its category.</summary>
    internal OnlineExecutor(DbConnection connection, Dialect dialect, RetortLoggers loggers)
    {
        _connection = connection;
        _dialect = dialect;
        _loggers = loggers;
        Schema = new LiveSchema(this);
    }

    /// <summary>The loggers of the run.</summary>
    internal RetortLoggers Loggers => _loggers;

    /// <inheritdoc />
    public override bool IsOffline => false;

    /// <inheritdoc />
    public override ISchemaSnapshot Schema { get; }

    /// <inheritdoc />
    public override bool InTransaction => _transaction is not null;

    /// <summary>The open transaction, or null.</summary>
    public DbTransaction? Transaction => _transaction;

    /// <inheritdoc />
    public override async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null) throw new InvalidOperationException("A transaction is already open.");
        _loggers.Sql.LogDebug(RetortEventIds.Transaction, "BEGIN");
        _transaction = await _dialect.Transactions.BeginTransactionAsync(_connection, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null) return;
        _loggers.Sql.LogDebug(RetortEventIds.Transaction, "COMMIT");
        if (_pending.Count > 0)
        {
            // The held-back statements and the commit go together (one round trip on PostgreSQL).
            var statements = _pending.ToArray();
            _pending.Clear();
            await _dialect.Execution.ExecuteBatchAndCommitAsync(_connection, _transaction, statements, _loggers.Lock, cancellationToken);
        }
        else await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    /// <inheritdoc />
    public override async Task RollbackAsync(CancellationToken cancellationToken)
    {
        _pending.Clear();
        if (_transaction is null) return;
        _loggers.Sql.LogDebug(RetortEventIds.Transaction, "ROLLBACK");
        try { await _transaction.RollbackAsync(CancellationToken.None); }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The transaction had already ended (a failed commit ends it) or the connection broke: nothing is left to
            // undo, and the error that led here is the one to report.
            _loggers.Sql.LogDebug(RetortEventIds.Transaction, e, "ROLLBACK found no transaction to undo.");
        }
        finally
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        if (_transaction is not null && statement.Transactional && statement.FailIfRowsMessage is null && _dialect.Execution.BatchesStatements)
        {
            _loggers.Sql.LogDebug(RetortEventIds.Statement, "{Sql}", statement.Sql);
            _pending.Add(statement);
            return;
        }
        await FlushAsync(cancellationToken);
        var reopen = false;
        if (!statement.Transactional && _transaction is not null)
        {
            // The statement cannot run in a transaction: end the current one, run it alone, start a new one.
            await CommitAsync(cancellationToken);
            reopen = true;
        }
        _loggers.Sql.LogDebug(RetortEventIds.Statement, "{Sql}", statement.Sql);
        await using var command = CreateCommand(statement);
        try
        {
            if (statement.FailIfRowsMessage is null)
                await _dialect.Execution.ExecuteStatementAsync(command, statement, _loggers.Lock, cancellationToken);
            else
            {
                var rows = await command.ReadRowsAsync(cancellationToken);
                if (rows.Count > 0)
                    throw new StatementFailedException(statement,
                        statement.FailIfRowsMessage + " " + string.Join("; ", rows.Take(10).Select(r => string.Join(", ", r))), null);
            }
        }
        catch (DbException e)
        {
            throw new StatementFailedException(statement, e.Message, e);
        }
        if (reopen) await BeginAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        var statements = _pending.ToArray();
        _pending.Clear();
        await _dialect.Execution.ExecuteBatchAsync(_connection, _transaction, statements, _loggers.Lock, cancellationToken);
    }

    /// <summary>The open connection (for the data step runner, which flushes first).</summary>
    internal DbConnection Connection => _connection;

    /// <summary>Executes a data statement and returns the rows it changed; logged at debug level (one per batch).</summary>
    internal async Task<int> ExecuteCountAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        _loggers.Sql.LogDebug(RetortEventIds.BatchStatement, "{Sql}", statement.Sql);
        await using var command = CreateCommand(statement);
        try { return await command.ExecuteNonQueryAsync(cancellationToken); }
        catch (DbException e) { throw new StatementFailedException(statement, e.Message, e); }
    }

    /// <inheritdoc />
    public override async Task RunCodeAsync(CodeStepOperation step, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        _loggers.Runner.LogInformation(RetortEventIds.CodeStep, "run {Step}", step.Description);
        await step.Action(new MigrationContext(_connection, _transaction, _dialect, _loggers.Runner), cancellationToken);
    }

    /// <summary>
    /// Runs an atomic data step (<see cref="DataOperation.Atomic"/>) whole inside the open transaction; the runner
    /// runs every other data step itself, batch by batch.
    /// </summary>
    public override async Task RunDataStepAsync(DataOperation step, CancellationToken cancellationToken)
    {
        if (!step.Atomic || _transaction is null)
        {
            await base.RunDataStepAsync(step, cancellationToken);
            return;
        }
        // An atomic step writes no checkpoint: the progress store is never used.
        var rows = await Data.AtomicDataStep.RunAsync(new Data.DataStepContext(this, _dialect, _loggers.Data), step, cancellationToken);
        _loggers.Data.LogInformation(RetortEventIds.DataStepCompleted, "{Step}: {Rows} row(s) in the revision's transaction", step.Describe(), rows);
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<object?[]>> QueryAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        _loggers.Sql.LogDebug(RetortEventIds.Query, "{Sql}", statement.Sql);
        await using var command = CreateCommand(statement);
        try { return await command.ReadRowsAsync(cancellationToken); }
        catch (DbException e) { throw new StatementFailedException(statement, e.Message, e); }
    }

    private DbCommand CreateCommand(SqlStatement statement) => _connection.CreateCommand(statement, _transaction);

    private sealed class LiveSchema(OnlineExecutor owner) : ISchemaSnapshot
    {
        public DbConnection? Connection => owner._connection;

        public DbTransaction? Transaction => owner._transaction;

        // Reads see every statement before them: held-back statements are sent first.
        public async Task<Table?> GetTableAsync(string name, string? schema, CancellationToken cancellationToken)
        {
            await owner.FlushAsync(cancellationToken);
            return await owner._dialect.Reflection.ReflectTableAsync(owner._connection, owner._transaction, name, schema, cancellationToken);
        }

        public async Task<bool> TableExistsAsync(string name, string? schema, CancellationToken cancellationToken)
        {
            await owner.FlushAsync(cancellationToken);
            return await owner._dialect.Reflection.TableExistsAsync(owner._connection, owner._transaction, name, schema, cancellationToken);
        }

        public async Task<IReadOnlyList<Table>> GetTablesAsync(string? schema, CancellationToken cancellationToken)
        {
            await owner.FlushAsync(cancellationToken);
            return await owner._dialect.Reflection.ReflectAsync(owner._connection, owner._transaction, schema, cancellationToken);
        }
    }
}
