using Retort.Connections;
using Retort.Dialects;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Specification.Support;
using Retort.Sqlite.Tests.Support;

namespace Retort.Sqlite.Tests;

/// <summary>
/// The runner obeys the dialect's transaction policy: where DDL is not transactional (a database whose schema changes
/// commit by themselves), every step of a revision is recorded as it commits, so a revision that fails half way
/// resumes after its last committed step instead of repeating the ones before it. The dialect here is SQLite composed
/// with such a policy: every capability is SQLite's, only the policy differs.
/// </summary>
public sealed class NonTransactionalDdlTests
{
    private sealed class AutocommitDdlPolicy : TransactionPolicy
    {
        public override bool TransactionalDdl => false;
    }

    /// <summary>SQLite with the policy of a database whose DDL is not transactional.</summary>
    private sealed class AutocommitDdlSqlite : Dialect
    {
        private readonly SqliteDialect _sqlite = new();
        public override string Name => "sqlite-autocommit-ddl";
        public override IReadOnlyCollection<string> UrlSchemes => ["sqlite-autocommit-ddl"];
        public override DialectConnections Connections => _sqlite.Connections;
        public override string QuoteIdentifier(string identifier) => _sqlite.QuoteIdentifier(identifier);
        public override string QualifyName(string? schema, string name) => _sqlite.QualifyName(schema, name);
        public override string RenderLiteral(object? value) => _sqlite.RenderLiteral(value);
        public override DdlGenerator Generator => _sqlite.Generator;
        public override SchemaReflection Reflection => _sqlite.Reflection;
        public override TransactionPolicy Transactions { get; } = new AutocommitDdlPolicy();
        public override DataMigrationSupport DataMigrations => _sqlite.DataMigrations;
    }

    [Fact]
    public async Task A_revision_that_fails_half_way_keeps_its_committed_steps_and_resumes_after_them()
    {
        DialectRegistry.Register(new AutocommitDdlSqlite());
        await using var temp = new TempDatabase();
        await using var db = Database.Open($"Dialect=sqlite-autocommit-ddl;Data Source={temp.FilePath}");
        var third = "INSERT INTO no_such_table VALUES (1)";
        var revisions = new RevisionSet([new Revision(RevisionInfo.Create("r1", null, "three steps"), new InlineScript(op =>
        {
            op.Execute("CREATE TABLE a (id INTEGER PRIMARY KEY)");
            op.Execute("CREATE TABLE b (id INTEGER PRIMARY KEY)");
            op.Execute(third);
        }))]);

        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() => new Migrator(db, revisions).UpgradeAsync());
        Assert.Contains("no_such_table", failed.Message);
        // The two steps before the failure committed (as such a database would leave them) and are recorded as done.
        Assert.Equal(2, temp.Query("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").Count);
        var progress = await new Migrator(db, revisions).GetInProgressAsync();
        Assert.Equal([0, 1], progress.Where(p => p.Finished).Select(p => p.Step).Order());
        Assert.Empty(await new Migrator(db, revisions).GetCurrentHeadIdsAsync());

        // Fixed, the rerun resumes at the third step: creating a and b again would fail.
        third = "CREATE TABLE c (id INTEGER PRIMARY KEY)";
        var runs = await new Migrator(db, revisions).UpgradeAsync();
        Assert.Equal("r1", Assert.Single(runs).Revision.Id);
        Assert.Equal(3, temp.Query("SELECT name FROM sqlite_master WHERE name IN ('a', 'b', 'c')").Count);
        Assert.Equal(["r1"], await new Migrator(db, revisions).GetCurrentHeadIdsAsync());
        Assert.Empty(await new Migrator(db, revisions).GetInProgressAsync());
    }

    [Fact]
    public async Task A_single_transaction_run_is_refused_before_anything_runs()
    {
        DialectRegistry.Register(new AutocommitDdlSqlite());
        await using var temp = new TempDatabase();
        await using var db = Database.Open($"Dialect=sqlite-autocommit-ddl;Data Source={temp.FilePath}");
        var revisions = new RevisionSet([new Revision(RevisionInfo.Create("r1", null, "one"), new InlineScript(op => op.Execute("CREATE TABLE a (id INTEGER)")))]);
        var e = await Assert.ThrowsAsync<RetortException>(() => new Migrator(db, revisions, new MigratorOptions { SingleTransaction = true }).UpgradeAsync());
        Assert.Contains("commits schema changes by itself", e.Message);
        Assert.Empty(temp.Query("SELECT name FROM sqlite_master WHERE name = 'a'"));
    }
}
