using Retort.Dialects;
using Retort.Lint;
using Retort.Sql;

namespace Retort.Specification.Lint;

/// <summary>
/// A real dialect (SQLite, PostgreSQL) with the test-only checks of <see cref="TestChecks"/> as its lint rules, under a
/// scheme of its own (<c>lint+sqlite</c>: every URL form of the inner dialect works with it), so the engine, the gate
/// and the CLI are tested on real databases whatever the rule catalogue holds. Everything else is the inner dialect's.
/// </summary>
public sealed class LintTestDialect(Dialect inner) : Dialect
{
    private readonly LintSupport _lint = new TestLintSupport(inner.Lint);

    /// <summary>The URL scheme of the test dialect over a dialect named <paramref name="innerName"/>.</summary>
    public static string Scheme(string innerName) => "lint" + innerName;

    /// <summary>Registers the test dialect over <paramref name="dialect"/> (once per process); returns its scheme.</summary>
    public static string Register(Dialect dialect)
    {
        var scheme = Scheme(dialect.Name);
        if (DialectRegistry.Find(scheme) is null) DialectRegistry.Register(new LintTestDialect(dialect));
        return scheme;
    }

    /// <summary>The dialect it wraps.</summary>
    public Dialect Inner => inner;

    public override string Name => Scheme(inner.Name);
    public override IReadOnlyCollection<string> UrlSchemes => [Scheme(inner.Name)];
    public override DialectConnections Connections => inner.Connections;
    public override string QuoteIdentifier(string identifier) => inner.QuoteIdentifier(identifier);
    public override string QualifyName(string? schema, string name) => inner.QualifyName(schema, name);
    public override string RenderLiteral(object? value) => inner.RenderLiteral(value);
    public override SqlFlavor SqlFlavor => inner.SqlFlavor;
    public override DdlGenerator Generator => inner.Generator;
    public override SchemaReflection Reflection => inner.Reflection;
    public override TransactionPolicy Transactions => inner.Transactions;
    public override StatementExecution Execution => inner.Execution;
    public override MigrationLock MigrationLock => inner.MigrationLock;
    public override HistoryStore History => inner.History;
    public override DataMigrationSupport DataMigrations => inner.DataMigrations;
    public override LintSupport Lint => _lint;

    // The test checks, and the inner dialect's live catalogue.
    private sealed class TestLintSupport(LintSupport live) : LintSupport
    {
        public override IReadOnlyList<LintCheck> Checks { get; } = TestChecks.All;

        public override Task<LiveCatalogue> ReadLiveAsync(System.Data.Common.DbConnection connection, ISqlSyntax syntax, IReadOnlyCollection<string> tables,
            CancellationToken cancellationToken = default) => live.ReadLiveAsync(connection, syntax, tables, cancellationToken);
    }
}
