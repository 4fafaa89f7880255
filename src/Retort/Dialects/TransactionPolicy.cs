using System.Data.Common;
using Retort.Operations;

namespace Retort.Dialects;

/// <summary>
/// What a dialect tells the runner about transactions, and the only thing the runner asks about them: whether DDL
/// is transactional, whether revisions may share a transaction, which steps must run outside one, and the
/// statements that go around a revision's transaction. The runner's transaction strategies obey it.
/// </summary>
public class TransactionPolicy
{
    /// <summary>
    /// Whether DDL is transactional, so a failed revision rolls back its schema changes too (SQLite, PostgreSQL). When
    /// false (a database whose DDL commits by itself), the runner runs every operation of a revision as a step of its
    /// own and records each one as done, so a revision that fails half way is resumed where it stopped instead of
    /// being repeated from its start.
    /// </summary>
    public virtual bool TransactionalDdl => true;

    /// <summary>
    /// True when consecutive revisions may share one transaction, each under its own savepoint, because a
    /// commit costs far more than a savepoint (SQLite syncs the disk on every commit). The outcome of a failure
    /// is the same as with one transaction per revision: the revisions before the failing one stay applied.
    /// </summary>
    public virtual bool SharesTransactionAcrossRevisions => false;

    /// <summary>
    /// True for an operation that must run outside any transaction (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>,
    /// <c>ALTER TYPE … ADD VALUE</c>). The runner then records the revision's progress step by step, so a run that
    /// dies after such a step resumes after it instead of repeating the steps before it.
    /// </summary>
    /// <remarks>The base says so for <c>op.Execute</c> statements marked to run outside the transaction and for recipe steps that do.</remarks>
    public virtual bool RunsOutsideTransaction(MigrationOperation operation) =>
        operation is ExecuteSqlOperation { OutsideTransaction: true } or RecipeStep { Run: RecipeStepRun.OutsideTransaction };

    /// <summary>
    /// Why the database refuses to run the statement <paramref name="sql"/> inside a transaction (PostgreSQL:
    /// <c>CREATE INDEX CONCURRENTLY</c>; SQLite: <c>VACUUM</c>), or null when it does not. The runner refuses such a
    /// statement in a revision's transaction before anything runs, and says how to run it outside.
    /// </summary>
    public virtual string? WhyNotInTransaction(string sql) => null;

    /// <summary>Statements run before a revision's transaction starts (outside it).</summary>
    public virtual IReadOnlyList<SqlStatement> BeforeTransaction(IReadOnlyList<MigrationOperation> plan) => [];

    /// <summary>Statements run just before a revision's transaction commits (checks).</summary>
    public virtual IReadOnlyList<SqlStatement> BeforeCommit(IReadOnlyList<MigrationOperation> plan) => [];

    /// <summary>Statements run after a revision's transaction ended, committed or not.</summary>
    public virtual IReadOnlyList<SqlStatement> AfterTransaction(IReadOnlyList<MigrationOperation> plan) => [];

    /// <summary>How a transaction start is written in an offline script.</summary>
    public virtual string BeginTransactionSql => "BEGIN";

    /// <summary>Begins a transaction that takes the database's write lock as early as the database allows.</summary>
    public virtual async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
