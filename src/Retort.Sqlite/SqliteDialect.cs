using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Retort.Connections;
using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite;

/// <summary>
/// The SQLite dialect (Microsoft.Data.Sqlite). Changes SQLite's ALTER TABLE cannot make are done by rebuilding
/// the table inside the revision's transaction, keeping rows, indexes, foreign keys, checks, triggers and views.
/// </summary>
public sealed class SqliteDialect : Dialect
{
    /// <summary>Creates the dialect.</summary>
    public SqliteDialect()
    {
        Generator = new SqliteDdlGenerator(this);
        Reflection = new SqliteReflection(this);
        DataMigrations = new SqliteDataMigrations(this);
    }

    /// <summary>
    /// Registers the SQLite dialect for <c>sqlite://</c> URLs and <c>Dialect=sqlite</c> connection strings; returns the
    /// registered one. Call it once at start-up (again is harmless): an app published single-file, trimmed or Native
    /// AOT finds dialects only this way.
    /// </summary>
    public static SqliteDialect Register() => DialectRegistry.RegisterOnce(static () => new SqliteDialect());

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override IReadOnlyCollection<string> UrlSchemes { get; } = ["sqlite"];

    /// <inheritdoc />
    public override DdlGenerator Generator { get; }

    /// <inheritdoc />
    public override DialectConnections Connections { get; } = new SqliteConnections();

    /// <inheritdoc />
    public override SchemaReflection Reflection { get; }

    /// <inheritdoc />
    public override TransactionPolicy Transactions { get; } = new SqliteTransactionPolicy();

    /// <inheritdoc />
    public override DataMigrationSupport DataMigrations { get; }

    /// <inheritdoc />
    public override global::Retort.Lint.LintSupport Lint { get; } = new global::Retort.Sqlite.Lint.SqliteLintSupport();

    /// <inheritdoc />
    public override SqlFlavor SqlFlavor => SqliteSql.Flavor;

    /// <inheritdoc />
    public override string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc />
    public override string QualifyName(string? schema, string name) =>
        schema is null or "main" ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <inheritdoc />
    public override string RenderLiteral(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => "'" + s.Replace("'", "''") + "'",
        bool b => b ? "1" : "0",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        DateTime d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        DateTimeOffset d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) + "'",
        DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        TimeOnly t => "'" + t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        TimeSpan t => "'" + t.ToString("c", CultureInfo.InvariantCulture) + "'",
        Guid g => "'" + g.ToString().ToUpperInvariant() + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new RetortException($"Cannot write a {value.GetType().Name} value as a SQLite literal."),
    };
}
