using Retort.Operations;
using Retort.Autogenerate;
using Retort.Specification.Support;
using Retort.Environments;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Testing.Tests;

public class MigrationTesterTests
{
    private static readonly RevisionSet Quickstart = RevisionSet.FromAssemblies(typeof(global::Quickstart.TargetSchema).Assembly);

    private static MigrationTestOptions QuickstartOptions => new()
    {
        TargetSchema = new global::Quickstart.TargetSchema(),
        Fixtures = RevisionFixture.Discover(typeof(global::Quickstart.TargetSchema).Assembly),
    };

    [Fact]
    public async Task The_quickstart_passes_every_check_with_its_fixtures()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var report = await new MigrationTester(db.Database, Quickstart, QuickstartOptions).RunAsync();
        Assert.True(report.Passed, string.Join("\n", report.Results.Where(r => !r.Passed).Select(r => $"{r.Check} {r.Revision}: {r.Message}")));
        Assert.Equal(2, report.Results.Count(r => r.Check == MigrationCheck.Fixture));
        foreach (var rev in Quickstart.All)
        {
            Assert.Contains(report.For(rev.Id), r => r.Check == MigrationCheck.Stairway && r.Passed && !r.Skipped);
            Assert.Contains(report.For(rev.Id), r => r.Check == MigrationCheck.DowngradeLeavesNoTrace && r.Passed);
        }
        Assert.Contains(report.Results, r => r.Check == MigrationCheck.ModelMatchesDatabase && r.Passed && !r.Skipped);
    }

    private static Revision Rev(string id, string? down, Action<Op> up, Action<Op>? downgrade = null) =>
        new(RevisionInfo.Create(id, down, id), new InlineScript(up, downgrade));

    private static Action<Op> CreateUsers => op => op.CreateTable("users", new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.Text));

    [Fact]
    public async Task Two_heads_fail_the_single_head_check()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var report = await new MigrationTester(db.Database, new([Rev("a", null, CreateUsers), Rev("b", "a", _ => { }), Rev("c", "a", _ => { })])).RunAsync();
        var failure = report.FirstFailure!;
        Assert.Equal(MigrationCheck.SingleHead, failure.Check);
        Assert.Contains("found 2: b, c", failure.Message);
    }

    [Fact]
    public async Task A_downgrade_that_forgets_a_column_leaves_a_trace()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var revisions = new RevisionSet([
            Rev("a", null, CreateUsers),
            Rev("b", "a", op => op.AddColumn("users", new Column("email", SqlType.Text)), op => op.Execute("UPDATE users SET name = name")),
        ]);
        var failure = (await new MigrationTester(db.Database, revisions).RunAsync()).FirstFailure!;
        Assert.Equal((MigrationCheck.DowngradeLeavesNoTrace, "b"), (failure.Check, failure.Revision));
        Assert.Contains("drop column users.email", failure.Message);
    }

    [Fact]
    public async Task A_downgrade_that_raises_fails_the_stairway_with_the_statement()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var revisions = new RevisionSet([Rev("a", null, CreateUsers, op => op.Execute("DROP TABLE no_such_table"))]);
        var failure = (await new MigrationTester(db.Database, revisions).RunAsync()).FirstFailure!;
        Assert.Equal((MigrationCheck.Stairway, "a"), (failure.Check, failure.Revision));
        Assert.Contains("no such table: no_such_table", failure.Message);
        Assert.Equal("DROP TABLE no_such_table", failure.Statement);
    }

    [Fact]
    public async Task An_irreversible_revision_fails_the_reversible_check()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var revisions = new RevisionSet([Rev("a", null, op => op.Execute("CREATE TABLE t (id INTEGER)"), downgrade: null)]);
        var report = await new MigrationTester(db.Database, revisions, new MigrationTestOptions { Stairway = false }).RunAsync();
        var failure = report.FirstFailure!;
        Assert.Equal((MigrationCheck.Reversible, "a"), (failure.Check, failure.Revision));
        Assert.Contains("raw SQL has no reverse", failure.Message);
    }

    [Fact]
    public async Task An_empty_downgrade_after_a_non_empty_upgrade_fails_the_reversible_check_naming_the_revision()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var sql = SqlRevisionFile.Parse("-- retort:revision c\n-- retort:down-revision b\n-- retort:upgrade\nINSERT INTO users (id) VALUES (2);\n-- retort:downgrade\n-- nothing\n", "c_seed.sql");
        var revisions = new RevisionSet([
            Rev("a", null, CreateUsers),
            new Revision(RevisionInfo.Create("b", "a", "seed"), new ClassMigrationScript(typeof(SeedWithEmptyDowngrade))),
            sql,
            Rev("d", "c", _ => { }, _ => { }),
            new Revision(RevisionInfo.Create("e", "d", "default downgrade"), new ClassMigrationScript(typeof(AddsEmailWithDefaultDowngrade))),
        ]);
        var report = await new MigrationTester(db.Database, revisions).RunAsync();
        var csharp = Assert.Single(report.For("b"), r => r.Check == MigrationCheck.Reversible);
        Assert.False(csharp.Passed);
        Assert.Contains("revision b (", csharp.Message);
        Assert.Contains("empty downgrade", csharp.Message);
        Assert.Contains("Remove the empty Downgrade override", csharp.Message);
        var file = Assert.Single(report.For("c"), r => r.Check == MigrationCheck.Reversible);
        Assert.False(file.Passed);
        Assert.Contains("c_seed.sql", file.Message);
        Assert.Contains("empty '-- retort:downgrade' section", file.Message);
        // A merge-like revision changes nothing either way; a class that inherits Downgrade reverses its upgrade.
        Assert.Contains(report.For("d"), r => r.Check == MigrationCheck.Reversible && r.Passed);
        Assert.Contains(report.For("e"), r => r.Check == MigrationCheck.Reversible && r.Passed);
        Assert.Contains(report.For("e"), r => r.Check == MigrationCheck.DowngradeLeavesNoTrace && r.Passed);
        Assert.Contains(report.For("e"), r => r.Check == MigrationCheck.Stairway && r.Passed && !r.Skipped);
    }

    [Revision("b", DownRevision = "a")]
    private sealed class SeedWithEmptyDowngrade : Migration
    {
        public override void Upgrade(Op op) => op.Execute("INSERT INTO users (id, name) VALUES (1, 'ada')");

        public override void Downgrade(Op op) { }
    }

    [Revision("e", DownRevision = "d")]
    private sealed class AddsEmailWithDefaultDowngrade : Migration
    {
        public override void Upgrade(Op op) => op.AddColumn("users", new Column("email", SqlType.Text));
    }

    [Fact]
    public async Task An_upgrade_that_does_not_match_the_target_schema_fails_the_model_check()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var report = await new MigrationTester(db.Database, new([Rev("a", null, CreateUsers)]), new MigrationTestOptions { TargetSchema = new UsersWithEmail() }).RunAsync();
        var failure = report.FirstFailure!;
        Assert.Equal(MigrationCheck.ModelMatchesDatabase, failure.Check);
        Assert.Contains("add column users.email", failure.Message);
    }

    [Fact]
    public async Task A_failing_fixture_assertion_names_the_revision_and_the_reason()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var revisions = new RevisionSet([
            Rev("a", null, CreateUsers),
            Rev("b", "a", op => { op.AddColumn("users", new Column("full", SqlType.Text)); op.Execute("UPDATE users SET full = upper(name)"); },
                op => op.DropColumn("users", "full")),
        ]);
        var report = await new MigrationTester(db.Database, revisions, new MigrationTestOptions { Fixtures = [new ExpectsCopiedName()] }).RunAsync();
        var failure = report.FirstFailure!;
        Assert.Equal((MigrationCheck.Fixture, "b"), (failure.Check, failure.Revision));
        Assert.Contains("expected 'ada', found 'ADA'", failure.Message);
    }

    [Fact]
    public async Task A_failing_upgrade_stops_the_walk_and_reports_the_database_message()
    {
        await using var db = await ThrowawayDatabase.CreateSqliteAsync();
        var revisions = new RevisionSet([Rev("a", null, CreateUsers), Rev("b", "a", op => op.Execute("INSERT INTO nope VALUES (1)", reverseSql: "SELECT 1")), Rev("c", "b", _ => { })]);
        var report = await new MigrationTester(db.Database, revisions).RunAsync();
        var failure = report.FirstFailure!;
        Assert.Equal((MigrationCheck.Upgrade, "b"), (failure.Check, failure.Revision));
        Assert.Contains("no such table: nope", failure.Message);
        Assert.DoesNotContain(report.For("c"), r => r.Check == MigrationCheck.Upgrade);
    }

    private sealed class UsersWithEmail : ITargetSchema
    {
        public MetaData Build()
        {
            var m = new MetaData();
            _ = new Table("users", m, new Column("id", SqlType.Integer, primaryKey: true), new Column("name", SqlType.Text), new Column("email", SqlType.Text));
            return m;
        }
    }

    private sealed class ExpectsCopiedName : RevisionFixture
    {
        public override string Revision => "b";

        public override Task BeforeUpgradeAsync(MigrationContext db, CancellationToken ct) =>
            db.ExecuteAsync("INSERT INTO users (id, name) VALUES (1, 'ada')", cancellationToken: ct);

        public override async Task AfterUpgradeAsync(MigrationContext db, CancellationToken ct)
        {
            var full = await db.ScalarAsync("SELECT full FROM users WHERE id = 1", cancellationToken: ct);
            if (full as string != "ada") throw new InvalidOperationException($"expected 'ada', found '{full}'");
        }
    }
}
