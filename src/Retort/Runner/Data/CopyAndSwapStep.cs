using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner.Data;

/// <summary>
/// A copy-and-swap backfill (<see cref="BackfillStrategy.CopyAndSwap"/>): batches copy the rows with the change
/// applied into an unindexed copy the dialect prepared (<see cref="TableCopy"/>); after the last one the checkpoint is
/// <see cref="CheckpointPhase.Copied"/>, and the writes made meanwhile are replayed, the copy's indexes built and the
/// copy swapped in, in the transaction that moves the checkpoint to <see cref="CheckpointPhase.Swapped"/> with the
/// statements left after the swap; only once they ran is the step finished. Every phase is its own transaction and
/// safe to run again, so a run that dies anywhere resumes by repeating it.
/// </summary>
internal sealed class CopyAndSwapStep(DataStepRunner runner, TableCopy copy)
{
    private const int MaxReplayPasses = 20;
    private const long ReplayedFewEnough = 1000;

    private DataStepContext Context => runner.Context;

    /// <summary>Creates the copy, its change log and the trigger feeding it, in the transaction that writes the first checkpoint.</summary>
    public Task PrepareAsync() => copy.PrepareAsync(Context.Executor.Connection, Context.Executor.Transaction!, CancellationToken.None);

    /// <summary>
    /// One batch: the next rows by key, bounded by key value or by row count as an in-place backfill's batch would be,
    /// inserted into the copy with the SET clause applied.
    /// </summary>
    public async Task<Batch> CopyBatchAsync(DataSource source, object?[]? last, int size, bool byKeyRange)
    {
        var (executor, sql) = (Context.Executor, Context.Sql);
        var first = last is null;
        object?[] upTo;
        int count;
        if (byKeyRange)
        {
            if (await Context.NextKeyAsync(source, last) is not { } from) return new Batch(0, 0, null, true);
            upTo = [from > long.MaxValue - (size - 1) ? long.MaxValue : from + (size - 1)];
            count = -1;
        }
        else
        {
            var boundary = new SqlStatement(sql.NextBatchBoundarySql(source.Text, source.Keys, first)) { Parameters = DataStepContext.Params(last, null, size) };
            var rows = await executor.QueryAsync(boundary, CancellationToken.None);
            if (rows.Count == 0) return new Batch(0, 0, null, true);
            upTo = rows[0][..source.Keys.Count];
            count = Convert.ToInt32(rows[0][source.Keys.Count], CultureInfo.InvariantCulture);
        }
        var range = (first ? "" : sql.KeyCondition(source.Keys, ">", "k") + " AND ") + sql.KeyCondition(source.Keys, "<=", "u");
        var written = await executor.ExecuteCountAsync(new SqlStatement(copy.CopyBatchSql(range)) { Parameters = DataStepContext.Params(last, upTo, null) }, CancellationToken.None);
        var finished = byKeyRange
            ? (long)upTo[0]! == long.MaxValue || await Context.NextKeyAsync(source, upTo) is null
            : count < size;
        return new Batch(byKeyRange ? written : count, written, upTo, finished);
    }

    /// <summary>
    /// After the last copy batch: replays the writes recorded while copying, builds the copy's indexes, replays until
    /// little is left, swaps the copy in and then runs what is left after the swap.
    /// </summary>
    public async Task<DataStepProgress> SwapInAsync(DataStepProgress saved, CancellationToken ct)
    {
        var executor = Context.Executor;
        var phaseWatch = Stopwatch.StartNew();
        // Without indexes on the copy this pass reads the whole copy once; it also makes the copy a consistent
        // picture of the table, which its unique indexes need.
        await runner.InTransactionAsync(() => copy.ReplayAsync(executor.Connection, executor.Transaction!, CancellationToken.None), ct);
        await runner.InTransactionAsync(async () =>
        {
            await copy.BuildIndexesAsync(executor.Connection, executor.Transaction!, CancellationToken.None);
            return 0L;
        }, ct);
        // Writes keep arriving while the indexes build; replay until a pass finds few, so the swap's own pass,
        // made while the table is locked, is short.
        for (var pass = 0; pass < MaxReplayPasses; pass++)
            if (await runner.InTransactionAsync(() => copy.ReplayAsync(executor.Connection, executor.Transaction!, CancellationToken.None), ct) <= ReplayedFewEnough) break;
        // The swap's transaction records what is left after it (validating foreign keys, statistics) as the step's
        // phase: the step is finished only when that has run too, in this run or the next.
        var after = copy.AfterSwapStatements;
        var swappedIn = saved with
        {
            Finished = after.Count == 0,
            Phase = after.Count == 0 ? saved.Phase : CheckpointPhase.Swapped,
            LastKey = after.Count == 0 ? saved.LastKey : KeyCodec.Encode(after.ToArray()),
            Elapsed = saved.Elapsed + phaseWatch.Elapsed,
        };
        await runner.InTransactionAsync(async () =>
        {
            await copy.SwapAsync(executor.Connection, executor.Transaction!, CancellationToken.None);
            await runner.SaveAsync(swappedIn, exists: true);
            return 0L;
        }, ct);
        Context.Logger.LogInformation(RetortEventIds.TableSwapped, "Swapped in the backfilled copy of the table ({Step}).", runner.Operation.Describe());
        return swappedIn.Finished ? swappedIn : await FinishAsync(runner, swappedIn, ct);
    }

    /// <summary>
    /// Runs the statements a committed swap left in the checkpoint (<see cref="TableCopy.AfterSwapStatements"/>), each
    /// outside any transaction with the dialect's lock retries, then marks the step finished. A failure or a stop
    /// here leaves the step swapped with that work left, and the next run starts with it.
    /// </summary>
    public static async Task<DataStepProgress> FinishAsync(DataStepRunner runner, DataStepProgress swapped, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        foreach (var sql in KeyCodec.Decode(swapped.LastKey!).Cast<string>())
        {
            if (ct.IsCancellationRequested) throw runner.Cancelled(ct);
            try { await runner.Context.Executor.ExecuteAsync(new SqlStatement(sql), ct); }
            catch (Exception e) when (e is RetortException or DbException)
            {
                throw new RetortException($"Revision {runner.Revision.Info.Id} (step {runner.Step + 1}: {runner.Operation.Describe()}): the backfilled copy of the table is swapped in, " +
                    $"but this did not complete: {sql} ({DataStepRunner.DatabaseMessage(e)}). The step is recorded as swapped with that work left, and the revision as " +
                    "not applied yet. Fix the cause and run upgrade again: it runs what is left after the swap and then records the revision.", e);
            }
        }
        var done = swapped with { Finished = true, Elapsed = swapped.Elapsed + watch.Elapsed };
        await runner.InTransactionAsync(async () =>
        {
            await runner.SaveAsync(done, exists: true);
            return 0L;
        }, ct);
        return done;
    }
}
