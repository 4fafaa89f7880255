using System.Data.Common;
using Microsoft.Extensions.Logging;
using Retort.Connections;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Dialects;

/// <summary>
/// Everything Retort knows about one database product: connections, quoting, types, DDL, reflection,
/// transactions and locking. The core never names a database; it asks the dialect.
/// </summary>
public abstract class Dialect
{
    /// <summary>Dialect name, for example <c>sqlite</c>.</summary>
    public abstract string Name { get; }

    /// <summary>URL schemes this dialect accepts, for example <c>sqlite</c>.</summary>
    public abstract IReadOnlyCollection<string> UrlSchemes { get; }

    /// <summary>Turns a parsed URL into an ADO.NET connection string. Errors never include the password.</summary>
    public abstract string ConnectionStringFromUrl(DatabaseUrl url);

    /// <summary>Creates an unopened connection.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>The connection string with any password replaced, safe to print.</summary>
    public abstract string RedactConnectionString(string connectionString);

    /// <summary>True when a connection must stay open for the database to exist (an in-memory database).</summary>
    public virtual bool KeepOneConnectionOpen(string connectionString) => false;

    /// <summary>Runs once on every connection Retort opens (session settings).</summary>
    public virtual Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A one-paragraph message for a failure to open or initialise a connection that names what is wrong in this
    /// database's terms (a missing folder, a file that is not a database, a lock held by another writer), or null
    /// for the generic "cannot connect" message. It must not contain a password.
    /// </summary>
    public virtual string? ExplainOpenFailure(string connectionString, DbException exception) => null;

    /// <summary>
    /// True when opening the database would create it, empty (a SQLite file that does not exist yet), so a command
    /// that only reads can say so instead of leaving a new file behind. False when it exists or the dialect cannot
    /// tell without connecting.
    /// </summary>
    public virtual bool OpeningCreatesDatabase(string connectionString) => false;

    /// <summary>True when <paramref name="exception"/> says the database or its disk is full.</summary>
    public virtual bool IsStorageFull(DbException exception) => false;

    /// <summary>Quotes an identifier.</summary>
    public abstract string QuoteIdentifier(string identifier);

    /// <summary>Quotes a possibly schema-qualified name.</summary>
    public virtual string QualifyName(string? schema, string name) =>
        schema is null ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <summary>Renders a value as a SQL literal (offline scripts, defaults).</summary>
    public abstract string RenderLiteral(object? value);

    /// <summary>The SQL generator that turns operations into statements.</summary>
    public abstract DdlGenerator Generator { get; }

    /// <summary>The SQL and bulk writes of batched data steps (keyset batches, row estimates, bulk inserts).</summary>
    public virtual DataMigrationSupport DataMigrations => _dataMigrations ??= new DataMigrationSupport(this);

    private DataMigrationSupport? _dataMigrations;

    /// <summary>Whether DDL is transactional (a failed revision rolls back its schema changes too).</summary>
    public virtual bool SupportsTransactionalDdl => true;

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
    /// <remarks>The base says so for <c>op.Execute</c> statements marked to run outside the transaction.</remarks>
    public virtual bool RunsOutsideTransaction(MigrationOperation operation) => operation is ExecuteSqlOperation { OutsideTransaction: true };

    /// <summary>
    /// Why the database refuses to run the statement <paramref name="sql"/> inside a transaction (PostgreSQL:
    /// <c>CREATE INDEX CONCURRENTLY</c>; SQLite: <c>VACUUM</c>), or null when it does not. The runner refuses such a
    /// statement in a revision's transaction before anything runs, and says how to run it outside.
    /// </summary>
    public virtual string? WhyNotInTransaction(string sql) => null;

    /// <summary>Splits a plan into groups compiled and executed together (the SQLite rebuild merges a table's changes).</summary>
    public virtual IReadOnlyList<IReadOnlyList<MigrationOperation>> GroupOperations(IReadOnlyList<MigrationOperation> plan) =>
        plan.Select(op => (IReadOnlyList<MigrationOperation>)[op]).ToList();

    /// <summary>Compiles one group of operations into steps, reading the current schema where needed.</summary>
    public virtual Task<IReadOnlyList<MigrationStep>> CompileAsync(IReadOnlyList<MigrationOperation> group, ISchemaSnapshot schema, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MigrationStep>>(group.SelectMany(Generator.Generate).ToList());

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

    /// <summary>
    /// Takes the lock that keeps concurrent migration runs apart, waiting at most <paramref name="timeout"/>.
    /// The default takes none: the runner also re-reads the version table inside every revision transaction.
    /// </summary>
    public virtual Task<IAsyncDisposable> AcquireMigrationLockAsync(DbConnection connection, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <summary>
    /// The table as this database would store and reflect it (type aliases, default spellings), so a target
    /// schema and a reflected one compare equal when they mean the same. The base replaces every SQL expression
    /// (checks, expression defaults, index conditions and expressions) by its <see cref="SqlText.Canonical"/> key;
    /// dialects add their type aliases. Only for comparing: the result is never rendered.
    /// </summary>
    public virtual Table NormalizeForComparison(Table table) => table with
    {
        Columns = table.Columns.Select(c => c.Default is ExpressionDefault e ? c with { Default = new ExpressionDefault(SqlText.Canonical(e.Expression)) } : c).ToValueList(),
        CheckConstraints = table.CheckConstraints.Select(k => k with { Expression = SqlText.Canonical(k.Expression) }).ToValueList(),
        Indexes = table.Indexes.Select(i => i with
        {
            Where = i.Where is null ? null : SqlText.Canonical(i.Where),
            Columns = i.Expressions ? i.Columns.Select(SqlText.Canonical).ToValueList() : i.Columns,
        }).ToValueList(),
    };

    /// <summary>
    /// Executes the command of one migration statement; every statement a run executes passes through here.
    /// The default runs it once; a dialect overrides it to retry what the database refused for a passing reason
    /// (PostgreSQL: a DDL statement that hit its <c>lock_timeout</c>).
    /// </summary>
    public virtual Task ExecuteStatementAsync(DbCommand command, SqlStatement statement, ILogger logger, CancellationToken cancellationToken) =>
        command.ExecuteNonQueryAsync(cancellationToken);

    /// <summary>
    /// True when <paramref name="failure"/> (or an exception it wraps) is the database refusing work for a passing
    /// reason: a lock not granted within the lock timeout, or a deadlock broken by cancelling this side. Such work,
    /// once undone, may be tried again after <see cref="LockRetryDelay"/>. The default: never.
    /// </summary>
    public virtual bool IsLockFailure(Exception failure) => false;

    /// <summary>
    /// The dialect's one retry policy, for DDL statements, data batches and every other step that waits for locks:
    /// the wait before trying again work whose <paramref name="attempt"/>th try (1 for the first) was a lock
    /// failure, or null when the retries are used up. It grows with every attempt, up to a bound, and is jittered
    /// so that waiting sessions do not retry in step. The default: null (no retries).
    /// </summary>
    public virtual TimeSpan? LockRetryDelay(int attempt) => null;

    /// <summary>
    /// True when a client-server round trip costs more than the statement (PostgreSQL): the executor then holds
    /// back the statements of an open transaction that return nothing and sends them together through
    /// <see cref="ExecuteBatchAsync"/> when the run next reads, commits or runs C#, or at the end of a revision.
    /// </summary>
    public virtual bool BatchesStatements => false;

    /// <summary>
    /// Runs statements in order, inside <paramref name="transaction"/>, in as few round trips as the database
    /// allows, with the retries <see cref="ExecuteStatementAsync"/> would make. A statement the database refuses
    /// throws <see cref="Runner.StatementFailedException"/> naming it; the ones before it ran. The default runs
    /// them one at a time.
    /// </summary>
    public virtual async Task ExecuteBatchAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<SqlStatement> statements, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand(statement, transaction);
            try { await ExecuteStatementAsync(command, statement, logger, cancellationToken); }
            catch (DbException e) { throw new Runner.StatementFailedException(statement, e.Message, e); }
        }
    }

    /// <summary>
    /// Runs statements as <see cref="ExecuteBatchAsync"/> does, then commits <paramref name="transaction"/>; a
    /// dialect that can sends the commit together with them (one round trip for a revision). A failure, of a
    /// statement or of the commit, throws <see cref="Runner.StatementFailedException"/>; the transaction is then
    /// either still open (to be rolled back) or already ended by the database.
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

    /// <summary>
    /// Creates an empty throwaway database for tests next to the one <paramref name="connectionString"/> names
    /// (SQLite: a temporary file; a server database: a fresh database on the same server) and returns its
    /// connection string and how to remove it.
    /// </summary>
    public virtual Task<ScratchDatabase> CreateScratchDatabaseAsync(string? connectionString, CancellationToken cancellationToken) =>
        throw new RetortException($"The {Name} dialect cannot create throwaway databases for tests.");

    /// <summary>
    /// True when <see cref="AcquireMigrationLockAsync"/> keeps every other migration run out for the whole run
    /// (PostgreSQL's advisory lock). The runner then trusts the heads it read under the lock instead of reading
    /// the version table again before every revision.
    /// </summary>
    public virtual bool MigrationLockIsExclusive => false;

    /// <summary>Reads every table of a schema (null: the default schema) into the model, Retort's own tables excluded by the caller.</summary>
    public abstract Task<IReadOnlyList<Table>> ReflectAsync(DbConnection connection, DbTransaction? transaction, string? schema, CancellationToken cancellationToken);

    /// <summary>Whether a schema exists (dialects without schemas say yes).</summary>
    public virtual Task<bool> SchemaExistsAsync(DbConnection connection, string schema, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Whether a table exists; dialects answer with one catalog query instead of reading the table.</summary>
    public virtual async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken) =>
        await ReflectTableAsync(connection, transaction, name, schema, cancellationToken) is not null;

    /// <summary>Reads one table, or returns null when it does not exist.</summary>
    public abstract Task<Table?> ReflectTableAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
