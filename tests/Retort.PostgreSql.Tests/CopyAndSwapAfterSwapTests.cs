using Retort.Specification.Support;
using Retort.Operations;
using Retort.PostgreSql.Tests.Infrastructure;
using Retort.Runner;

namespace Retort.PostgreSql.Tests;

/// <summary>
/// What a copy and swap does after the swap commits (validating the foreign keys it added NOT VALID, gathering the
/// new table's statistics) is a phase of the step: the step, and so the revision, counts as done only after it, and a
/// run that stopped before it finished comes back to it.
/// </summary>
public sealed class CopyAndSwapAfterSwapTests
{
    [PgFact]
    public async Task A_validation_that_fails_after_the_swap_leaves_the_step_unfinished_and_the_next_run_completes_it()
    {
        await using var db = await PgDatabase.CreateAsync();
        await db.ExecAsync("""
            CREATE TABLE parents (id integer PRIMARY KEY);
            INSERT INTO parents SELECT generate_series(1, 3);
            CREATE TABLE t (id bigint PRIMARY KEY, parent_id integer NOT NULL CONSTRAINT t_parent_fk REFERENCES parents (id), n integer NOT NULL DEFAULT 0);
            INSERT INTO t (id, parent_id) SELECT i, 1 + i % 3 FROM generate_series(1, 300) i;
            -- Only the step's own ANALYZE gathers statistics (the copy takes this option over).
            ALTER TABLE t SET (autovacuum_enabled = false);
            """);
        // A row the foreign key does not hold for, written past its check (as a replication apply worker may): the
        // swap carries the row over and the constraint's validation after the swap fails.
        await db.ExecAsync("SET session_replication_role = replica; INSERT INTO t (id, parent_id) VALUES (301, 42); SET session_replication_role = origin");
        var migrator = new Migrator(db.Database, InlineScript.Single(op => op.Backfill("t", "n = 1",
            batching: new BatchOptions { BatchSize = 70, TargetBatchDuration = null }, strategy: BackfillStrategy.CopyAndSwap)));

        var e = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());

        Assert.Contains("Revision r1", e.Message);
        Assert.Contains("is swapped in", e.Message);
        Assert.Contains("VALIDATE CONSTRAINT", e.Message);
        Assert.Contains("t_parent_fk", e.Message);
        Assert.Contains("run upgrade again", e.Message);
        // The swap is committed (every row carries the change), the constraint is not valid yet, no statistics were
        // gathered, and the revision is not recorded as applied.
        Assert.Equal(301, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal([[false]], await db.QueryAsync("SELECT convalidated FROM pg_constraint WHERE conname = 't_parent_fk' AND conrelid = 't'::regclass"));
        Assert.Equal(0, await db.CountAsync("pg_stats WHERE schemaname = 'public' AND tablename = 't'"));
        Assert.Empty(await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal([[false]], await db.QueryAsync("SELECT finished FROM retort_progress WHERE revision = 'r1'"));

        // A second run with the cause still there fails the same way and changes nothing else.
        var again = await Assert.ThrowsAnyAsync<RetortException>(() => migrator.UpgradeAsync());
        Assert.Contains("VALIDATE CONSTRAINT", again.Message);
        Assert.Equal(301, await db.CountAsync("t"));

        await db.ExecAsync("DELETE FROM t WHERE id = 301");
        await migrator.UpgradeAsync();

        Assert.Equal([[true]], await db.QueryAsync("SELECT convalidated FROM pg_constraint WHERE conname = 't_parent_fk' AND conrelid = 't'::regclass"));
        Assert.NotEqual(0, await db.CountAsync("pg_stats WHERE schemaname = 'public' AND tablename = 't'"));
        Assert.Equal(["r1"], await migrator.GetCurrentHeadIdsAsync());
        Assert.Equal(300, await db.CountAsync("t WHERE n = 1"));
        Assert.Equal(0, await db.CountAsync("retort_progress"));
    }
}
