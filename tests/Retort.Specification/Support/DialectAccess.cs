using System.Data.Common;
using Retort.Connections;
using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Specification.Support;

/// <summary>
/// Every reach of a test into a dialect's own members (its SQL generator, literals, reflection, data-migration SQL)
/// goes through here, so a change of the dialect's shape is adapted in this one file. Tests of behaviour use the public
/// entry points (<c>Migrator</c>, <c>Database</c>) instead.
/// </summary>
public static class DialectAccess
{
    /// <summary>The statements the dialect's generator makes for one operation (no rebuild, no runner around it).</summary>
    public static IReadOnlyList<SqlStatement> Statements(Dialect dialect, MigrationOperation operation) =>
        dialect.Generator.Generate(operation).Cast<MigrationStep.Sql>().Select(s => s.Statement).ToList();

    /// <summary>The SQL text of <see cref="Statements"/>.</summary>
    public static string[] Sql(Dialect dialect, MigrationOperation operation) => Statements(dialect, operation).Select(s => s.Sql).ToArray();

    /// <summary>
    /// The SQL the dialect compiles a plan to against a known schema, as the runner does (grouping, SQLite's rebuild),
    /// without a database: one statement text per entry.
    /// </summary>
    public static async Task<List<string>> CompileAsync(Dialect dialect, IEnumerable<Table> schema, params MigrationOperation[] plan)
    {
        var tracker = new SchemaTracker(schema);
        var statements = new List<string>();
        foreach (var group in dialect.Generator.GroupOperations(plan))
        {
            foreach (var step in await dialect.Generator.CompileAsync(group, tracker, CancellationToken.None))
                statements.Add(((MigrationStep.Sql)step).Statement.Sql);
            tracker.Apply(group);
        }
        return statements;
    }

    /// <summary>The dialect's name for a column type.</summary>
    public static string TypeName(Dialect dialect, SqlType type) => dialect.Generator.TypeName(type);

    /// <summary>A value as the dialect writes it as a literal.</summary>
    public static string Literal(Dialect dialect, object? value) => dialect.RenderLiteral(value);

    /// <summary>An identifier as the dialect quotes it.</summary>
    public static string Quote(Dialect dialect, string identifier) => dialect.QuoteIdentifier(identifier);

    /// <summary>Why the database refuses <paramref name="sql"/> inside a transaction, or null.</summary>
    public static string? WhyNotInTransaction(Dialect dialect, string sql) => dialect.Transactions.WhyNotInTransaction(sql);

    /// <summary>The ADO.NET connection string the dialect makes of a URL.</summary>
    public static string ConnectionString(Dialect dialect, string url) => dialect.Connections.ConnectionStringFromUrl(DatabaseUrl.Parse(url));

    /// <summary>A connection string or message with its passwords hidden, as the dialect redacts it.</summary>
    public static string Redact(Dialect dialect, string text) => dialect.Connections.RedactConnectionString(text);

    /// <summary>Every table of <paramref name="schema"/> reflected on an open connection.</summary>
    public static Task<IReadOnlyList<Table>> ReflectAsync(Database database, DbConnection connection, string? schema) =>
        database.Dialect.Reflection.ReflectAsync(connection, null, schema, CancellationToken.None);

    /// <summary>Whether a data step over <paramref name="table"/> batches by key value rather than by row count.</summary>
    public static Task<bool> CanBatchByKeyRangeAsync(Database database, DbConnection connection, string table, string? schema, IReadOnlyList<string> keys) =>
        database.Dialect.DataMigrations.CanBatchByKeyRangeAsync(connection, table, schema, keys, CancellationToken.None);

    /// <summary>What a data step does to a connection before its batches (undone on dispose), or null.</summary>
    public static Task<IAsyncDisposable?> PrepareDataConnectionAsync(Database database, DbConnection connection) =>
        database.Dialect.DataMigrations.PrepareConnectionAsync(connection, CancellationToken.None);

    /// <summary>The copy a copy-and-swap backfill of <paramref name="backfill"/> works on.</summary>
    public static Task<TableCopy> CreateTableCopyAsync(Database database, DbConnection connection, BackfillOperation backfill, IReadOnlyList<string> keys, bool resuming) =>
        database.Dialect.DataMigrations.CreateTableCopyAsync(connection, backfill, keys, resuming, CancellationToken.None);
}
