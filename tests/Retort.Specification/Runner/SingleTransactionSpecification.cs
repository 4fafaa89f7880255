using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// <see cref="MigratorOptions.SingleTransaction"/>: every revision of the run in one transaction, all or nothing; a
/// run that could not be one transaction (a step that must run outside any) is refused before anything runs, online
/// and offline. Each dialect derives from it.
/// </summary>
public abstract class SingleTransactionSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static RevisionSet Chain(params Action<Op>[] upgrades) => new(upgrades.Select((up, i) =>
        new Revision(RevisionInfo.Create($"s{i + 1}", i == 0 ? null : $"s{i}", $"step {i + 1}"), new InlineScript(up))));

    private static readonly MigratorOptions Single = new() { SingleTransaction = true };

    [SpecFact]
    public async Task A_failing_revision_undoes_every_revision_of_the_run_and_is_named()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Chain(
            op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true)),
            op => op.Execute("INSERT INTO t (id) VALUES (@id)", new { id = 1 }),
            op => op.AddColumn("t", new Column("note", SqlType.Text)),
            op => op.Execute("INSERT INTO missing_table VALUES (1)")), Single);

        var e = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head"));
        Assert.Equal("s4", e.RevisionId);
        Assert.Equal("INSERT INTO missing_table VALUES (1)", e.Statement);
        Assert.Contains("missing_table", e.Reason);
        Assert.False(e.PartlyApplied);
        Assert.Null(await db.Database.ReflectTableAsync("t"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
        Assert.Empty(await migrator.GetHistoryAsync());
    }

    [SpecFact]
    public async Task A_successful_run_records_every_revision_with_its_own_history_row()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Chain(
            op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true)),
            op => op.Execute("INSERT INTO t (id) VALUES (1)", reverseSql: "DELETE FROM t"),
            op => op.AddColumn("t", new Column("note", SqlType.Text))), Single);

        Assert.Equal(["s1", "s2", "s3"], (await migrator.UpgradeAsync("head")).Select(r => r.Revision.Id));
        Assert.Equal(["s3"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(["s1", "s2", "s3"], (await migrator.GetHistoryAsync()).Select(h => h.Revision));
        Assert.Equal(["1|∅"], await db.RowsAsync("SELECT id, note FROM t"));
        Assert.Equal(["s3", "s2"], (await migrator.DowngradeAsync("s1")).Select(r => r.Revision.Id));
        Assert.Equal(["s1"], await migrator.GetCurrentHeadIdsAsync());
    }

    [SpecFact]
    public async Task A_step_that_cannot_run_in_a_transaction_is_refused_before_anything_runs()
    {
        await using var db = await CreateDatabaseAsync();
        var migrator = new Migrator(db.Database, Chain(
            op => op.CreateTable("t", new Column("id", SqlType.Integer, primaryKey: true)),
            op => op.OutsideTransaction(o => o.Execute("VACUUM"))), Single);

        var e = await Assert.ThrowsAsync<RetortException>(() => migrator.UpgradeAsync("head"));
        Assert.IsNotType<MigrationFailedException>(e);
        Assert.Contains("Revision s2 has a step that cannot run inside a transaction", e.Message);
        Assert.Contains("Nothing was changed", e.Message);
        Assert.Null(await db.Database.ReflectTableAsync("t"));
        Assert.Null(await db.Database.ReflectTableAsync("retort_version"));

        // An offline script would commit halfway just the same: refused too, and nothing written.
        var script = new StringWriter();
        var offline = await Assert.ThrowsAsync<RetortException>(() => new Migrator(OfflineDatabase(), migrator.Revisions, Single).WriteScriptAsync(script, up: true, "head"));
        Assert.Contains("cannot run inside a transaction", offline.Message);
        Assert.Equal("", script.ToString());
    }
}
