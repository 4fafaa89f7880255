using System.Data.Common;
using System.Globalization;
using Npgsql;
using Retort.Dialects;
using Retort.PostgreSql.Internal;
using Retort.Sql;

namespace Retort.PostgreSql;

/// <summary>
/// The PostgreSQL dialect (Npgsql): transactional DDL, native types and <c>ALTER TABLE</c>, catalog reflection
/// in a fixed number of queries, a session advisory lock between migration runs, and every DDL statement under
/// a <c>lock_timeout</c> with retries. URL schemes <c>postgresql</c> and <c>postgres</c>.
/// </summary>
public sealed class PostgreSqlDialect : Dialect
{
    /// <summary>Creates the dialect with default options.</summary>
    public PostgreSqlDialect() : this(new PostgreSqlOptions()) { }

    /// <summary>Creates the dialect with the given options.</summary>
    public PostgreSqlDialect(PostgreSqlOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Generator = new PostgreSqlDdlGenerator(this);
        Connections = new PostgreSqlConnections(this);
        Execution = new PostgreSqlExecution(options);
        MigrationLock = new PostgreSqlMigrationLock(options);
        DataMigrations = new PostgreSqlDataMigrations(this);
    }

    /// <inheritdoc />
    public override DialectConnections Connections { get; }

    /// <inheritdoc />
    public override SchemaReflection Reflection { get; } = new PostgreSqlReflection();

    /// <inheritdoc />
    public override TransactionPolicy Transactions { get; } = new PostgreSqlTransactionPolicy();

    /// <inheritdoc />
    public override StatementExecution Execution { get; }

    /// <inheritdoc />
    public override MigrationLock MigrationLock { get; }

    /// <inheritdoc />
    public override DataMigrationSupport DataMigrations { get; }

    /// <summary>
    /// Registers the PostgreSQL dialect with default options for <c>postgresql://</c> and <c>postgres://</c> URLs and
    /// <c>Dialect=postgresql</c> connection strings, unless a PostgreSQL dialect is registered already (one with the
    /// application's options is kept); returns the registered one. Call it once at start-up (again is harmless): an
    /// app published single-file, trimmed or Native AOT finds dialects only this way.
    /// </summary>
    public static PostgreSqlDialect Register() => DialectRegistry.RegisterOnce(static () => new PostgreSqlDialect());

    /// <summary>Registers the PostgreSQL dialect with <paramref name="options"/>, replacing any registered before; returns it.</summary>
    public static PostgreSqlDialect Register(PostgreSqlOptions options)
    {
        var dialect = new PostgreSqlDialect(options);
        DialectRegistry.Register(dialect);
        return dialect;
    }

    /// <summary>Lock timeout, retry and advisory lock settings.</summary>
    public PostgreSqlOptions Options { get; }

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <inheritdoc />
    public override IReadOnlyCollection<string> UrlSchemes { get; } = ["postgresql", "postgres"];

    /// <inheritdoc />
    public override DdlGenerator Generator { get; }

    /// <inheritdoc />
    public override global::Retort.Lint.LintSupport Lint { get; } = new global::Retort.PostgreSql.Lint.PostgreSqlLintSupport();

    /// <summary>PostgreSQL's SQL text: <c>E'…'</c> strings with backslash escapes, <c>$tag$…$tag$</c> bodies, nested block comments.</summary>
    internal static readonly SqlFlavor Flavor = new() { EscapeStrings = true, DollarQuotes = true, NestedComments = true };

    /// <inheritdoc />
    public override SqlFlavor SqlFlavor => Flavor;

    /// <inheritdoc />
    public override string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc />
    public override string RenderLiteral(object? value) => value switch
    {
        null or DBNull => "NULL",
        bool b => b ? "true" : "false",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        double d when double.IsNaN(d) || double.IsInfinity(d) => Quote(d.ToString(CultureInfo.InvariantCulture)) + "::double precision",
        float f when float.IsNaN(f) || float.IsInfinity(f) => Quote(f.ToString(CultureInfo.InvariantCulture)) + "::real",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable n when value is sbyte or byte or short or ushort or int or uint or long or ulong => n.ToString(null, CultureInfo.InvariantCulture),
        DateTime d => Quote(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)) + "::timestamp",
        DateTimeOffset d => Quote(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)) + "::timestamptz",
        DateOnly d => Quote(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + "::date",
        TimeOnly t => Quote(t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)) + "::time",
        TimeSpan t => Quote(t.ToString("c", CultureInfo.InvariantCulture)) + "::interval",
        Guid g => Quote(g.ToString()) + "::uuid",
        byte[] bytes => "'\\x" + Convert.ToHexString(bytes).ToLowerInvariant() + "'::bytea",
        Enum e => Quote(e.ToString()),
        _ => throw new RetortException($"Cannot write a {value.GetType().Name} as a PostgreSQL literal; pass a string, number, bool, date, GUID or byte array."),
    };

    // standard_conforming_strings is on since PostgreSQL 9.1: only the quote needs doubling.
    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

}
