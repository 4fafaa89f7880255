using System.Diagnostics;
using Retort.Dialects;

namespace Retort.Runner;

/// <summary>
/// Applies one revision's plan inside the transaction its strategy opened, and records it: the one place where a
/// revision's run moves the version rows and adds its history row (<see cref="RecordAsync"/>, also called by the
/// last phase of a phased revision). The SQL of those rows is in <see cref="VersionStore"/>.
/// </summary>
internal sealed class RevisionApplier(MigrationRun run)
{
    /// <summary>
    /// Emits the plan and records the revision; returns its run and the heads after it. <paramref name="sharesTransaction"/>
    /// is true when the transaction holds other revisions too (its statements are then sent at once, so a failure
    /// names this revision; a revision with a transaction of its own is sent with its commit).
    /// </summary>
    public async Task<(RevisionRun Run, IReadOnlyCollection<string> HeadsAfter)> ApplyAsync(RevisionPlan revision, IReadOnlyCollection<string> heads,
        bool sharesTransaction, CancellationToken ct)
    {
        var executor = run.Executor;
        run.Events.Start(revision, run.Logger);
        var watch = Stopwatch.StartNew();
        if (executor is ScriptExecutor script) script.CurrentRevision = revision.Info.Id;
        executor.Comment($"Running {revision.Direction} {revision.Info.Id}{(revision.Info.Message.Length > 0 ? ": " + revision.Info.Message : "")}");
        // Where statements travel together (PostgreSQL), the history row goes with the revision's statements, before
        // the client knows how long they take: the database marks the revision's start and measures it.
        var execution = run.Dialect.Execution;
        string? serverTimed = null;
        if (!executor.IsOffline && execution.BatchesStatements && execution.RevisionElapsedMillisecondsSql is { } elapsed)
        {
            // A revision with a transaction of its own is timed from the transaction's start; no mark needed.
            if (sharesTransaction && execution.RevisionStartMarkSql is { } mark) await executor.ExecuteAsync(new SqlStatement(mark), ct);
            serverTimed = elapsed;
        }
        await MigrationRun.GuardAsync(revision.Info, revision.Up, () => PlanRunner.EmitAsync(executor, run.Dialect, revision.Steps, ct));
        var after = await RecordAsync(revision, heads, rows: null, ct, serverTimed, async () =>
        {
            if (serverTimed is null) await MigrationRun.GuardAsync(revision.Info, revision.Up, () => executor.FlushAsync(ct));
            return executor.IsOffline ? null : (long)watch.Elapsed.TotalMilliseconds;
        });
        if (sharesTransaction) await MigrationRun.GuardAsync(revision.Info, revision.Up, () => executor.FlushAsync(ct));
        return (new RevisionRun(revision.Info, revision.Direction, watch.Elapsed), after);
    }

    /// <summary>
    /// Records a revision's run in the current transaction: the version rows move from <paramref name="heads"/> to what
    /// the revision leaves, and a history row notes the direction, the duration (measured by the database with
    /// <paramref name="durationSql"/>, else what <paramref name="duration"/> returns once the rows are moved), the plan's
    /// checksum (upgrades) and the rows its data steps wrote.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> RecordAsync(RevisionPlan revision, IReadOnlyCollection<string> heads, long? rows, CancellationToken ct,
        string? durationSql = null, Func<Task<long?>>? duration = null)
    {
        var after = revision.Up ? run.Graph.HeadsAfterUpgrade(heads, revision.Info) : run.Graph.HeadsAfterDowngrade(heads, revision.Info);
        await run.Versions.WriteHeadsAsync(run.Executor, heads, after, ct);
        var checksum = revision.Up ? PlanFingerprint.Compute(revision.Operations) : null;
        var durationMs = duration is null ? null : await duration();
        await run.Versions.AddHistoryAsync(run.Executor, revision.Info.Id, revision.RecordedDirection, durationMs, checksum, ct, revision.Up ? rows : null, durationSql,
            revision.Up ? revision.Allowed : null);
        return after;
    }
}
