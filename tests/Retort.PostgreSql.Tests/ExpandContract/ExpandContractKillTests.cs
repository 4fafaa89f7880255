using System.Globalization;
using Retort.PostgreSql.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// kill -9 during an online operation's expand phase (its DDL and its backfill), its complete and its abort: a
/// separate process runs each command (<c>tests/Retort.ExpandContractProbe</c>) and is held at a logged event chosen
/// from the seed (or after a batch of the backfill), then killed there with its process tree, so the kill lands at
/// the same point however loaded the machine is. Between runs the old and the new application write through their versions. A rerun must then lose
/// nothing (every row compared with the ledger through both versions), leave nothing behind (schemas, views,
/// functions, triggers, columns and Retort's own rows exactly as after an uninterrupted run), and resume a batched
/// step from its checkpoint (neither repeating nor skipping a batch). Every message starts with the seed.
/// </summary>
public sealed class ExpandContractKillTests(ITestOutputHelper output)
{
    /// <summary>What complete says when an earlier, killed run had committed it.</summary>
    private const string CompletedAlready = "completed already";

    /// <summary>What abort says when there is no expand (none committed, or an earlier, killed abort had committed).</summary>
    private const string NothingToAbort = "has nothing to abort";

    private sealed record Reference(int UpgradeEvents, int CompleteEvents, int AbortEvents, string AfterExpand, string AfterComplete, string AfterAbort);

    private static readonly Dictionary<string, Task<Reference>> References = [];

    private static (string Column, string Type) Shape(string revision) => revision == "ec_rename" ? ("amount", "integer") : ("balance", "bigint");

    /// <summary>Uninterrupted runs of the revision, shared by the seeds: how many events each command logs, and what each leaves.</summary>
    private static Task<Reference> ReferenceAsync(string revision)
    {
        lock (References)
        {
            if (!References.TryGetValue(revision, out var reference)) References[revision] = reference = RunReferenceAsync(revision);
            return reference;
        }
    }

    private static async Task<Reference> RunReferenceAsync(string revision)
    {
        var (column, type) = Shape(revision);
        var context = $"uninterrupted reference run of {revision}";
        await using var completed = await PgDatabase.CreateAsync();
        await new AccountsLedger(completed, column, type).CreateAsync();
        var upgrade = await ProbeRun.ToEndAsync(completed.Url, "upgrade", revision, context);
        var afterExpand = await CatalogSnapshot.TakeAsync(completed);
        var complete = await ProbeRun.ToEndAsync(completed.Url, "complete", revision, context);
        var afterComplete = await CatalogSnapshot.TakeAsync(completed);
        await using var aborted = await PgDatabase.CreateAsync();
        await new AccountsLedger(aborted, column, type).CreateAsync();
        await ProbeRun.ToEndAsync(aborted.Url, "upgrade", revision, context);
        var abort = await ProbeRun.ToEndAsync(aborted.Url, "abort", revision, context);
        return new Reference(upgrade.Events, complete.Events, abort.Events, afterExpand, afterComplete, await CatalogSnapshot.TakeAsync(aborted));
    }

    /// <summary>
    /// Expand (DDL and backfill) killed twice at seeded points, the applications writing after each kill, then run to
    /// its end; then complete killed once, the new application writing, then run to its end.
    /// </summary>
    [PgTheory]
    [InlineData("ec_rename", 18_101)]
    [InlineData("ec_bigint", 18_103)]
    public async Task Killed_in_expand_backfill_and_complete_then_rerun_loses_nothing_and_leaves_nothing(string revision, int seed)
    {
        var reference = await ReferenceAsync(revision);
        var (column, type) = Shape(revision);
        var random = new Random(seed);
        var log = new List<string>();
        string Context() => $"seed {seed} ({revision}; runs: {string.Join("; ", log)})";
        await using var db = await PgDatabase.CreateAsync();
        var ledger = new AccountsLedger(db, column, type);
        await ledger.CreateAsync();

        var previous = await CheckpointsAsync(db);
        for (var kill = 0; kill < 2; kill++)
        {
            var run = await ProbeRun.KilledAtAsync(db.Url, "upgrade", revision, random.Next(1, reference.UpgradeEvents + 1), Context());
            log.Add(run.Describe());
            AssertResumedFrom(previous, run, Context());
            previous = await CheckpointsAsync(db);
            log.Add("app: " + await ledger.WriteAsync(random));
        }
        var expand = await ProbeRun.ToEndAsync(db.Url, "upgrade", revision, Context());
        log.Add(expand.Describe());
        AssertResumedFrom(previous, expand, Context());
        Assert.True(reference.AfterExpand == await CatalogSnapshot.TakeAsync(db),
            $"{Context()}: after the expand the database differs from an uninterrupted run's:\n{Diff(reference.AfterExpand, await CatalogSnapshot.TakeAsync(db))}");
        log.Add("app: " + await ledger.WriteAsync(random));
        var (old, @new) = await ledger.VersionsAsync();
        Assert.True(old is not null && @new is not null, $"{Context()}: after the expand there is no old ({old}) and new ({@new}) version schema");
        Assert.Null(await ledger.DifferencesAsync(old!, "balance") is { } d1 ? $"{Context()}: old version after the expand: {d1}" : null);
        Assert.Null(await ledger.DifferencesAsync(@new!, column) is { } d2 ? $"{Context()}: new version after the expand: {d2}" : null);

        // The old application is gone; complete is killed once, the new application writes, complete runs to its end.
        // A kill after complete's commit leaves nothing to complete: the rerun says so, and the database must be as complete left it.
        var contract = await ProbeRun.KilledAtAsync(db.Url, "complete", revision, random.Next(1, reference.CompleteEvents + 1), Context(), CompletedAlready);
        log.Add(contract.Describe());
        log.Add("app: " + await ledger.WriteAsync(random, oldGone: true));
        log.Add((await ProbeRun.ToEndAsync(db.Url, "complete", revision, Context(), CompletedAlready)).Describe());
        var after = await CatalogSnapshot.TakeAsync(db);
        Assert.True(reference.AfterComplete == after, $"{Context()}: after complete the database differs from an uninterrupted run's:\n{Diff(reference.AfterComplete, after)}");
        Assert.DoesNotContain("trigger public.accounts", after, StringComparison.Ordinal);
        Assert.Equal(0L, await ProgressRowsAsync(db));
        Assert.Null(await ledger.DifferencesAsync("public", column) is { } d3 ? $"{Context()}: the table after complete: {d3}" : null);
        var (_, remaining) = await ledger.VersionsAsync();
        if (remaining is not null)
            Assert.Null(await ledger.DifferencesAsync(remaining, column) is { } d4 ? $"{Context()}: the new version after complete: {d4}" : null);
        output.WriteLine(Context());
    }

    /// <summary>
    /// Expand killed at a seeded point, or after the first batch of its backfill (the applications write), then abort killed at a seeded point (the applications
    /// write again), then abort run to its end: every write, through either version, is in the old column, and the
    /// database is exactly as an uninterrupted expand and abort leave it. When the killed expand had committed nothing,
    /// abort says there is nothing to abort; then nothing of the expand may be left, and the expand runs to its end
    /// before the abort is killed.
    /// </summary>
    [PgTheory]
    [InlineData("ec_rename", 18_201)]
    [InlineData("ec_bigint", 18_202)]
    public async Task Killed_in_expand_and_in_abort_then_abort_rerun_keeps_every_write_and_leaves_nothing(string revision, int seed)
    {
        var reference = await ReferenceAsync(revision);
        var (column, type) = Shape(revision);
        var random = new Random(seed);
        var log = new List<string>();
        string Context() => $"seed {seed} ({revision}; runs: {string.Join("; ", log)})";
        await using var db = await PgDatabase.CreateAsync();
        var ledger = new AccountsLedger(db, column, type);
        await ledger.CreateAsync();

        var before = await CatalogSnapshot.TakeAsync(db);
        // With a backfill (the type change), the expand is killed after its first batch: an abort of an expand stopped
        // part way, whatever batch sizes this machine's speed leads to; without one, at the seeded event.
        log.Add((revision == "ec_bigint"
            ? await ProbeRun.KilledAfterBatchAsync(db.Url, "upgrade", revision, 1, Context())
            : await ProbeRun.KilledAtAsync(db.Url, "upgrade", revision, random.Next(1, reference.UpgradeEvents + 1), Context())).Describe());
        log.Add("app: " + await ledger.WriteAsync(random));
        var abort = await ProbeRun.KilledAtAsync(db.Url, "abort", revision, random.Next(1, reference.AbortEvents + 1), Context(), NothingToAbort);
        log.Add(abort.Describe());
        if (abort.FoundDone)
        {
            // The killed expand had committed nothing: nothing of it may be left. Expand to the end, then kill the abort.
            Assert.True(NoRetortTables(before) == NoRetortTables(await CatalogSnapshot.TakeAsync(db)),
                $"{Context()}: the expand killed before it committed anything left this behind:\n{Diff(NoRetortTables(before), NoRetortTables(await CatalogSnapshot.TakeAsync(db)))}");
            log.Add((await ProbeRun.ToEndAsync(db.Url, "upgrade", revision, Context())).Describe());
            log.Add("app: " + await ledger.WriteAsync(random));
            log.Add((await ProbeRun.KilledAtAsync(db.Url, "abort", revision, random.Next(1, reference.AbortEvents + 1), Context(), NothingToAbort)).Describe());
        }
        log.Add("app: " + await ledger.WriteAsync(random));
        log.Add((await ProbeRun.ToEndAsync(db.Url, "abort", revision, Context(), NothingToAbort)).Describe());
        var after = await CatalogSnapshot.TakeAsync(db);
        Assert.True(reference.AfterAbort == after, $"{Context()}: after abort the database differs from an uninterrupted expand and abort's:\n{Diff(reference.AfterAbort, after)}");
        Assert.DoesNotContain("trigger public.accounts", after, StringComparison.Ordinal);
        Assert.Equal(0L, await ProgressRowsAsync(db));
        Assert.Null(await ledger.DifferencesAsync("public", "balance") is { } d ? $"{Context()}: the table after abort: {d}" : null);
        output.WriteLine(Context());
    }

    private static async Task<long> ProgressRowsAsync(PgDatabase db) =>
        await db.ScalarAsync<bool>("SELECT to_regclass('retort_progress') IS NOT NULL") ? await db.ScalarAsync<long>("SELECT count(*) FROM retort_progress") : 0;

    /// <summary>Checkpoints of batched steps in the progress table: step -> (rows done, finished).</summary>
    private static async Task<Dictionary<int, (long Done, bool Finished)>> CheckpointsAsync(PgDatabase db)
    {
        var exists = await db.ScalarAsync<bool>("SELECT to_regclass('retort_progress') IS NOT NULL");
        if (!exists) return [];
        var rows = await db.QueryAsync("SELECT step, rows_done, finished FROM retort_progress WHERE rows_done > 0");
        return rows.ToDictionary(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture),
            r => (Convert.ToInt64(r[1], CultureInfo.InvariantCulture), (bool)r[2]!));
    }

    /// <summary>
    /// A run after a kill continues each batched step from the checkpoint the killed run committed: its first batch
    /// report is a resumed one past the checkpoint (no batch repeated; that none was skipped shows in the rows, which
    /// the ledger compares through the new version), and a step that had finished reports nothing.
    /// </summary>
    private static void AssertResumedFrom(Dictionary<int, (long Done, bool Finished)> checkpoints, ProbeRun run, string context)
    {
        foreach (var (step, (done, finished)) in checkpoints)
        {
            var first = run.Progress.FirstOrDefault(p => p.Step == step);
            if (first is null) continue;
            Assert.False(finished, $"{context}: step {step} had finished ({done} rows) before the run, yet the run ran it again: {first}");
            Assert.True(first.Resumed && first.Done > done,
                $"{context}: step {step} had a checkpoint at {done} rows, yet the run's first batch report was {first} (expected a resumed batch ending past {done})");
        }
    }

    /// <summary>The snapshot without Retort's own tables (a run creates them before its first transaction).</summary>
    private static string NoRetortTables(string snapshot) =>
        string.Join("\n", snapshot.Split('\n').Where(l => !l.StartsWith("rows-of ", StringComparison.Ordinal) && !l.StartsWith("version ", StringComparison.Ordinal)));

    private static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        return string.Join("\n", e.Except(a).Select(l => "- " + l).Concat(a.Except(e).Select(l => "+ " + l)));
    }
}
