using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Runner.FailingRevisions;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// A revision that fails leaves schema, data and version table as they were before it, and the revisions before it
/// applied; the error names the revision, the statement and the database's own message. Each dialect derives from it
/// and says how its database words a missing table.
/// </summary>
public abstract class RollbackSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    /// <summary>The database's own message for a statement on the table <paramref name="table"/> that does not exist.</summary>
    protected abstract string MissingTableMessage(string table);

    /// <summary>The database's own message for a commit refused by a deferred foreign key of <paramref name="table"/>.</summary>
    protected abstract string DeferredForeignKeyMessage(string table);

    /// <summary>The revisions <see cref="F1"/> and <see cref="F2"/>, found as classes the way an environment's are.</summary>
    private static RevisionSet Failing() => new(RevisionSet.Discover(typeof(F1).Assembly)
        .Where(r => r.Script.Source.StartsWith(typeof(F1).Namespace + ".", StringComparison.Ordinal)));

    [SpecFact]
    public async Task A_failing_revision_rolls_back_its_schema_data_and_version_rows()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Failing());
        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.Equal("f2", e.RevisionId);
        Assert.Equal("INSERT INTO no_such_table VALUES (1)", e.Statement);
        Assert.Contains(MissingTableMessage("no_such_table"), e.Reason);
        Assert.Contains("Revision f2 failed during upgrade and was rolled back", e.Message);
        Assert.Contains("INSERT INTO no_such_table", e.Message);
        Assert.Contains(MissingTableMessage("no_such_table"), e.Message);

        Assert.Equal(["f1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(["f1"], (await migrator.GetHistoryAsync()).Select(h => h.Revision));
        Assert.Null(await db.Database.ReflectTableAsync("doomed"));
        Assert.Null((await db.Database.ReflectTableAsync("kept"))!.FindColumn("extra"));
        Assert.Equal(0, await db.CountAsync("kept"));
        await db.AssertConsistentAsync();
    }

    [SpecFact]
    public async Task A_code_step_that_throws_rolls_back_everything_the_revision_did_before_it()
    {
        await using var db = await CreateDatabaseAsync();
        var revisions = new RevisionSet([
            new Revision(RevisionInfo.Create("a1", null, "accounts"), new InlineScript(op =>
                op.CreateTable("accounts", new Column("id", SqlType.Integer, primaryKey: true), new Column("balance", SqlType.Integer)))),
            new Revision(RevisionInfo.Create("b2", "a1", "fails in code"), new InlineScript(op =>
            {
                op.BulkInsert("accounts", [new { id = 1, balance = 100 }]);
                op.AddColumn("accounts", new Column("owner", SqlType.Text));
                op.AlterColumn("accounts", "balance", type: SqlType.BigInteger, existingType: SqlType.Integer);
                op.Run("fail on purpose", (_, _) => throw new InvalidOperationException("boom"));
            })),
            new Revision(RevisionInfo.Create("c3", "b2", "never"), new InlineScript(op => op.CreateTable("never", new Column("id", SqlType.Integer, primaryKey: true)))),
        ]);
        var migrator = new Migrator(db.Database, revisions);
        await migrator.UpgradeAsync("a1");
        var before = await db.Database.ReflectTableAsync("accounts");

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.Equal("b2", e.RevisionId);
        Assert.Contains("boom", e.Reason);
        Assert.Contains("rolled back", e.Message);
        Assert.Equal(before, await db.Database.ReflectTableAsync("accounts"));
        Assert.Equal(0, await db.CountAsync("accounts"));
        Assert.Null(await db.Database.ReflectTableAsync("never"));
        Assert.Equal(["a1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.DoesNotContain(await migrator.GetHistoryAsync(), h => h.Revision == "b2");
        await db.AssertConsistentAsync();
    }

    [SpecFact]
    public async Task A_commit_refused_by_a_deferred_constraint_names_the_revision_and_keeps_the_ones_before()
    {
        // The revision's statements all succeed; the database refuses its COMMIT (the foreign key is checked at commit).
        await using var db = await CreateDatabaseAsync();
        var revisions = new RevisionSet([
            // Statement texts that hold two statements each.
            new Revision(RevisionInfo.Create("d1", null, "tables"), new InlineScript(op => op.Execute(
                "CREATE TABLE deferred_parent (id integer PRIMARY KEY); " +
                "CREATE TABLE deferred_child (parent_id integer REFERENCES deferred_parent (id) DEFERRABLE INITIALLY DEFERRED)"),
                op => op.Execute("DROP TABLE deferred_child; DROP TABLE deferred_parent"))),
            new Revision(RevisionInfo.Create("d2", "d1", "orphan"), new InlineScript(op => op.Execute("INSERT INTO deferred_child VALUES (42)"))),
        ]);
        var migrator = new Migrator(db.Database, revisions, new MigratorOptions { VersionTable = "deferred_version", HistoryTable = "deferred_history" });

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.True(e.RevisionId == "d2", e.Message);
        Assert.Contains(DeferredForeignKeyMessage("deferred_child"), e.Reason);
        Assert.Equal(["d1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(["d1"], (await migrator.GetHistoryAsync()).Select(h => h.Revision));
        Assert.Equal(0, await db.CountAsync("deferred_child"));
        // The failed run left nothing behind: the next one runs.
        Assert.Equal("d1", Assert.Single(await migrator.DowngradeAsync("base")).Revision.Id);
        Assert.Null(await db.Database.ReflectTableAsync("deferred_parent"));
    }
}
