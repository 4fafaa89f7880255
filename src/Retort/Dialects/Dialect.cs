using Retort.Lint;
using Retort.Sql;

namespace Retort.Dialects;

/// <summary>
/// Everything Retort knows about one database product, composed of small capability services: connections,
/// SQL generation, reflection, the transaction policy the runner obeys, statement execution with its retry policy,
/// the migration lock, Retort's own tables (the history store) and data-migration support. The base keeps only
/// naming, quoting and literals. The core never names a database; it asks the dialect.
/// </summary>
public abstract class Dialect : ISqlSyntax
{
    private TransactionPolicy? _transactions;
    private StatementExecution? _execution;
    private MigrationLock? _migrationLock;
    private DataMigrationSupport? _dataMigrations;
    private HistoryStore? _history;
    private LintSupport? _lint;

    /// <summary>Dialect name, for example <c>sqlite</c>.</summary>
    public abstract string Name { get; }

    /// <summary>URL schemes this dialect accepts, for example <c>sqlite</c>.</summary>
    public abstract IReadOnlyCollection<string> UrlSchemes { get; }

    /// <summary>URLs, connections, open errors and throwaway databases.</summary>
    public abstract DialectConnections Connections { get; }

    /// <summary>Quotes an identifier.</summary>
    public abstract string QuoteIdentifier(string identifier);

    /// <summary>Quotes a possibly schema-qualified name.</summary>
    public virtual string QualifyName(string? schema, string name) =>
        schema is null ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <summary>Renders a value as a SQL literal (offline scripts, defaults).</summary>
    public abstract string RenderLiteral(object? value);

    /// <summary>
    /// How this database writes SQL text (its quotes, strings and comments), for Retort's one lexer (<see cref="SqlLexer"/>)
    /// wherever it reads a statement this database will run. The default reads every form any database has.
    /// </summary>
    public virtual SqlFlavor SqlFlavor => SqlFlavor.Lenient;

    /// <summary>The SQL generator that groups and compiles operations into statements.</summary>
    public abstract DdlGenerator Generator { get; }

    /// <summary>Reads a live database into the schema model.</summary>
    public abstract SchemaReflection Reflection { get; }

    /// <summary>What the runner must know about transactions here; the default: transactional DDL, one transaction per revision.</summary>
    public virtual TransactionPolicy Transactions => _transactions ??= new TransactionPolicy();

    /// <summary>How statements are sent, batched and retried; the default sends each once.</summary>
    public virtual StatementExecution Execution => _execution ??= new StatementExecution();

    /// <summary>The lock between concurrent migration runs; the default takes none.</summary>
    public virtual MigrationLock MigrationLock => _migrationLock ??= new MigrationLock();

    /// <summary>Retort's own tables (versions, history, progress): their definitions and statements.</summary>
    public virtual HistoryStore History => _history ??= new HistoryStore(this);

    /// <summary>The lint rules this database's plans are checked against before they run.</summary>
    public virtual LintSupport Lint => _lint ??= new LintSupport();

    /// <summary>The SQL and bulk writes of batched data steps (keyset batches, row estimates, bulk inserts).</summary>
    public virtual DataMigrationSupport DataMigrations => _dataMigrations ??= new DataMigrationSupport(this);
}
