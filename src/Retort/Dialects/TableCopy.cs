using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Retort.Dialects;

/// <summary>
/// A copy-and-swap backfill of one table as a dialect carries it out (see
/// <see cref="Operations.BackfillStrategy.CopyAndSwap"/>). The runner drives it and owns every transaction:
/// <list type="number">
/// <item><see cref="PrepareAsync"/>, in the transaction that also writes the step's first checkpoint;</item>
/// <item>one <see cref="CopyBatchSql"/> statement per batch, each in a transaction with its checkpoint;</item>
/// <item><see cref="ReplayAsync"/> (the copy has no indexes yet), <see cref="BuildIndexesAsync"/>, then
/// <see cref="ReplayAsync"/> again while writes keep arriving, each in a transaction of its own;</item>
/// <item><see cref="SwapAsync"/>, in the transaction that records the step as swapped, with
/// <see cref="AfterSwapStatements"/> as the work left;</item>
/// <item><see cref="AfterSwapStatements"/>, each outside any transaction (retried on lock failures); then the
/// step is marked finished.</item>
/// </list>
/// A run that dies anywhere resumes from the last committed checkpoint: every phase after the copy is written so
/// that running it again completes it. A run that stops after the swap runs only the statements after it.
/// </summary>
public abstract class TableCopy
{
    /// <summary>Where the copy reports what it waits for (a lock another session holds); the runner sets it.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>Creates the copy (without indexes), the change log and what records writes to the table into it.</summary>
    public abstract Task PrepareAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// One copy batch: inserts into the copy the table's rows that match <paramref name="keyRange"/> (a key
    /// condition with parameters <c>@k0…</c>, <c>@u0…</c>), with the SET clause applied.
    /// </summary>
    public abstract string CopyBatchSql(string keyRange);

    /// <summary>Applies to the copy every recorded write that is committed; returns how many it applied.</summary>
    /// <remarks>The runner calls it at the start of a fresh transaction, so the dialect may set its isolation level first.</remarks>
    public abstract Task<long> ReplayAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Builds the copy's indexes and constraints, unless an earlier run already did.</summary>
    public abstract Task BuildIndexesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the table against every other session (waiting a bounded time, with retries), applies the last
    /// recorded writes, and puts the copy in the table's place with the table's name, indexes, constraints, grants
    /// and sequences; drops the original and the change log.
    /// </summary>
    public abstract Task SwapAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Statements to run after the swap committed, one at a time outside any transaction, before the step counts as
    /// finished (PostgreSQL: validates the foreign keys the swap added NOT VALID, gathers the new table's
    /// statistics). The runner keeps them in the step's checkpoint, so a run that stops before they all ran runs
    /// them again; each must be safe to repeat. The base: none.
    /// </summary>
    public virtual IReadOnlyList<string> AfterSwapStatements => [];
}
