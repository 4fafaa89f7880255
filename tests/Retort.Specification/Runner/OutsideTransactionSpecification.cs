using Retort.Connections;
using Retort.Environments;
using Retort.Migrations;
using Retort.Revisions;
using Retort.Runner;
using Retort.Schema;
using Retort.Specification.Support;

namespace Retort.Specification.Runner;

/// <summary>
/// Statements that run outside the revision's transaction (<c>op.OutsideTransaction</c>, <c>-- retort:no-transaction</c>):
/// <c>VACUUM</c>, which neither SQLite nor PostgreSQL runs inside a transaction, is refused up front when written
/// inside one and runs in a block; each statement of a block is recorded as done, so a rerun after a failure
/// resumes after it; an offline script closes its transaction around it. Each dialect derives from it.
/// </summary>
public abstract class OutsideTransactionSpecification<TFactory> : Specification<TFactory> where TFactory : TestDatabaseFactory, new()
{
    private static RevisionSet Single(Action<Op> upgrade, Action<Op>? downgrade = null) => InlineScript.Single(upgrade, downgrade);

    private static async Task<bool> TableExistsAsync(TestDatabase db, string name) => await db.Database.ReflectTableAsync(name) is not null;

    [SpecFact]
    public async Task Vacuum_written_inside_the_transaction_is_refused_before_anything_runs()
    {
        await using var db = await CreateDatabaseAsync();
        var csharp = new Migrator(db.Database, Single(op =>
        {
            op.CreateTable("log", new Column("id", SqlType.Integer));
            op.Execute("VACUUM");
        }));
        var e = await Assert.ThrowsAsync<RetortException>(() => csharp.UpgradeAsync());
        Assert.IsNotType<MigrationFailedException>(e);
        Assert.Contains("Revision r1 (test) would run \"VACUUM\" inside its upgrade transaction", e.Message);
        Assert.Contains("op.OutsideTransaction(o => o.Execute(", e.Message);
        Assert.Contains("Nothing was run", e.Message);
        Assert.False(await TableExistsAsync(db, "log"));
        Assert.False(await TableExistsAsync(db, "retort_version"));

        var file = SqlRevisionFile.Parse("-- retort:revision s1\n-- retort:upgrade\nCREATE TABLE log (id INTEGER);\n-- a comment first\nVACUUM;\n-- retort:downgrade\nDROP TABLE log;\n", "s1_vacuum.sql");
        var e2 = await Assert.ThrowsAsync<RetortException>(() => new Migrator(db.Database, new RevisionSet([file])).UpgradeAsync());
        Assert.Contains("Revision s1 (s1_vacuum.sql)", e2.Message);
        Assert.Contains("Put a '-- retort:no-transaction' line right before the statement in the upgrade section", e2.Message);
        Assert.False(await TableExistsAsync(db, "log"));
    }

    private static Action<Op> Logged(string third) => op =>
    {
        op.CreateTable("log", new Column("id", SqlType.Integer));
        op.OutsideTransaction(o =>
        {
            o.Execute("INSERT INTO log (id) VALUES (1)");
            o.Execute("VACUUM");
            o.Execute(third);
        });
        op.Execute("INSERT INTO log (id) VALUES (4)");
    };

    [SpecFact]
    public async Task Each_statement_of_a_block_is_recorded_so_a_rerun_resumes_after_the_last_one_done()
    {
        await using var db = await CreateDatabaseAsync();
        Action<Op> down = op => op.DropTable("log");
        var failed = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            new Migrator(db.Database, Single(Logged("INSERT INTO missing_table (id) VALUES (3)"), down)).UpgradeAsync());
        Assert.True(failed.PartlyApplied);
        Assert.Equal(["1"], await db.RowsAsync("SELECT id FROM log ORDER BY id"));
        var migrator = new Migrator(db.Database, Single(Logged("INSERT INTO log (id) VALUES (3)"), down));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
        Assert.Contains(await migrator.GetInProgressAsync(), p => p.Revision == "r1" && p.Finished && p.Description!.Contains("outside the transaction"));

        await migrator.UpgradeAsync();
        // The insert of the first run was recorded as done and not repeated.
        Assert.Equal(["1", "3", "4"], await db.RowsAsync("SELECT id FROM log ORDER BY id"));
        Assert.Equal(["r1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Empty(await migrator.GetInProgressAsync());
        await migrator.DowngradeAsync("base");
        Assert.False(await TableExistsAsync(db, "log"));
    }

    [SpecFact]
    public async Task A_no_transaction_line_runs_the_statement_of_a_sql_revision_outside_and_offline_closes_the_transaction_around_it()
    {
        await using var db = await CreateDatabaseAsync();
        var file = SqlRevisionFile.Parse("-- retort:revision s1\n-- retort:upgrade\nCREATE TABLE log (id INTEGER);\n-- retort:no-transaction\nVACUUM;\n" +
            "INSERT INTO log (id) VALUES (1);\n-- retort:downgrade\nDROP TABLE log;\n", "s1_vacuum.sql");
        var migrator = new Migrator(db.Database, new RevisionSet([file]));
        await migrator.UpgradeAsync();
        Assert.Equal(["1"], await db.RowsAsync("SELECT id FROM log"));
        Assert.Equal(["s1"], await migrator.GetCurrentHeadIdsAsync());

        var script = new StringWriter();
        await new Migrator(OfflineDatabase(), new RevisionSet([file])).WriteScriptAsync(script, up: true, "head");
        var text = script.ToString().Replace("\r\n", "\n");
        var vacuum = text.IndexOf("\nVACUUM;", StringComparison.Ordinal);
        Assert.True(vacuum > 0, text);
        var before = text[..vacuum];
        Assert.EndsWith("-- the next statement cannot run inside a transaction\nCOMMIT;\n", before);
        Assert.Contains("CREATE TABLE", before);
        Assert.Contains("BEGIN", text[vacuum..text.IndexOf("INSERT INTO log", StringComparison.Ordinal)]);
    }
}
