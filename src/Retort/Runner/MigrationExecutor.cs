using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner;

/// <summary>
/// The single emit point of a migration run: every statement of every revision, the version-table
/// bookkeeping and the transaction boundaries pass through here. Online it executes them; offline it writes
/// them as a script. Because both share this path, an offline script holds exactly what an online run executes.
/// </summary>
public abstract class MigrationExecutor : IAsyncDisposable
{
    /// <summary>True when rendering a script instead of executing.</summary>
    public abstract bool IsOffline { get; }

    /// <summary>The schema as the dialect should see it while compiling.</summary>
    public abstract ISchemaSnapshot Schema { get; }

    /// <summary>Starts a transaction.</summary>
    public abstract Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>Commits the transaction.</summary>
    public abstract Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Rolls back the transaction, if one is open.</summary>
    public abstract Task RollbackAsync(CancellationToken cancellationToken);

    /// <summary>True while a transaction is open.</summary>
    public abstract bool InTransaction { get; }

    /// <summary>Executes (or writes) one statement.</summary>
    public abstract Task ExecuteAsync(SqlStatement statement, CancellationToken cancellationToken);

    /// <summary>Runs a C# step (offline: refuses).</summary>
    public abstract Task RunCodeAsync(CodeStepOperation step, CancellationToken cancellationToken);

    /// <summary>The batching of data steps that set none of their own (<see cref="MigratorOptions.Batching"/>), set by the run.</summary>
    internal BatchOptions? DefaultBatching { get; set; }

    /// <summary>
    /// Runs a batched data step met inside a plan. Online, the <see cref="Migrator"/> runs data steps itself in
    /// batches between transactions, so meeting one here is an error; offline, a script renders or refuses it.
    /// </summary>
    public virtual Task RunDataStepAsync(DataOperation step, CancellationToken cancellationToken) =>
        throw new RetortException($"The data step '{step.Describe()}' runs in batches outside a transaction; run it through a Migrator upgrade, not inside one transaction.");

    /// <summary>
    /// Sends the statements the executor held back to send together (see <see cref="StatementExecution.BatchesStatements"/>);
    /// a failure of one of them surfaces here. Reads, commits and C# steps flush first by themselves.
    /// </summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs a query and returns its rows (online only).</summary>
    public abstract Task<IReadOnlyList<object?[]>> QueryAsync(SqlStatement statement, CancellationToken cancellationToken);

    /// <summary>Writes a comment into an offline script; ignored online.</summary>
    public virtual void Comment(string text) { }

    /// <summary>Called after a group of operations was emitted (offline: update the tracked schema).</summary>
    public virtual void AfterOperations(IReadOnlyList<MigrationOperation> group) { }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
