using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Internal;
using Retort.Operations;
using Retort.Runner.Transactions;

namespace Retort.Runner.Data;

/// <summary>
/// Runs one batched data step of a revision: keyset batches, each in its own transaction together with the update of
/// its checkpoint row, so a batch is either committed and recorded or neither. The checkpoint is read inside every
/// batch's transaction, which is also what keeps two runners from doing the same batch twice. A batch that meets a
/// lock failure is rolled back with its checkpoint and tried again under the dialect's retry policy. What a batch
/// does depends on the step's kind: <see cref="BackfillBatches"/>, <see cref="TransformBatches"/> or
/// <see cref="CopyAndSwapStep"/>.
/// </summary>
internal sealed class DataStepRunner
{
    private readonly MigrationRun _run;

    public DataStepRunner(MigrationRun run, RevisionPlan revision, int step, string checksum)
    {
        _run = run;
        Revision = revision;
        Step = step;
        Checksum = checksum;
        Context = new DataStepContext((OnlineExecutor)run.Executor, run.Dialect, run.Loggers.Data);
    }

    public DataStepContext Context { get; }

    public RevisionPlan Revision { get; }

    public int Step { get; }

    public string Checksum { get; }

    /// <summary>The step being run (set by <see cref="RunAsync"/>).</summary>
    public DataOperation Operation { get; private set; } = null!;

    private OnlineExecutor Executor => Context.Executor;

    /// <summary>What a batch's transaction ended with.</summary>
    private abstract record Outcome
    {
        /// <summary>The step was already finished (by an earlier run, or another runner).</summary>
        public sealed record Finished(DataStepProgress Checkpoint) : Outcome;

        /// <summary>The copy and its first checkpoint were created; batches follow.</summary>
        public sealed record Prepared : Outcome;

        /// <summary>Every row was copied by an earlier run: the swap is left.</summary>
        public sealed record Copied(DataStepProgress Checkpoint) : Outcome;

        /// <summary>A batch committed with its checkpoint.</summary>
        public sealed record Committed(Batch Batch, DataStepProgress Saved, bool Resumed) : Outcome;
    }

    /// <summary>Runs the step to its end (or to cancellation between batches); returns rows written in all runs.</summary>
    public async Task<long> RunAsync(DataOperation operation, CancellationToken ct)
    {
        Operation = operation;
        var source = await DataSource.ResolveAsync(Context, operation, ct);
        CopyAndSwapStep? copy = null;
        if (operation is BackfillOperation { Strategy: BackfillStrategy.CopyAndSwap } swapped
            && await ReadCheckpointAsync(ct) is var started and not { Finished: true })
        {
            // Swapped in by an earlier run that stopped before the work after the swap was done: only that is left.
            if (started is { Phase: CheckpointPhase.Swapped })
            {
                var finished = await CopyAndSwapStep.FinishAsync(this, started, ct);
                Report(finished, finished.RowsDone, 0, operation.BatchingOr(Executor.DefaultBatching).BatchSize, resumed: true);
                return finished.RowsWritten;
            }
            // The table's catalog is checked before anything changes (and not at all once the copy is swapped in).
            var tableCopy = await Context.Sql.CreateTableCopyAsync(Executor.Connection, swapped, source.Keys, resuming: started is not null, ct);
            tableCopy.Logger = _run.Loggers.Data;
            copy = new CopyAndSwapStep(this, tableCopy);
        }
        await using var prepared = await Context.Sql.PrepareConnectionAsync(Executor.Connection, ct);
        var total = await Context.Sql.EstimateRowsAsync(Executor.Connection, source.Text, source.IsQuery, ct);
        var batching = operation.BatchingOr(Executor.DefaultBatching);
        var size = Math.Clamp(batching.BatchSize, 1, Math.Max(1, batching.MaxBatchSize));
        var watch = Stopwatch.StartNew();
        long rowsThisRun = 0;
        bool? resumed = null;
        var byKeyRange = source.ByKeyRange;
        while (true)
        {
            if (ct.IsCancellationRequested) throw Cancelled(ct);
            await WaitForReplicaAsync(batching, ct);
            var batchWatch = Stopwatch.StartNew();
            Outcome outcome;
            try
            {
                outcome = await _run.Dialect.Execution.Retry.RunAsync(
                    _ => BatchAsync(copy, source, size, byKeyRange, batchWatch, resumed),
                    RolledBackAsync, null, ct, watched: Executor.Connection);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Cancelled while waiting to try a batch again: nothing of it committed.
                throw Cancelled(ct);
            }
            switch (outcome)
            {
                case Outcome.Finished f:
                    return f.Checkpoint.RowsWritten;
                case Outcome.Prepared:
                    resumed ??= false;
                    continue;
                case Outcome.Copied c:
                {
                    // Every row was copied in an earlier run, which stopped before the swap: another batch would copy
                    // again the rows inserted since, which the replay may already have put into the copy.
                    var swappedIn = await copy!.SwapInAsync(c.Checkpoint, ct);
                    Report(swappedIn, total is { } all ? Math.Max(all, swappedIn.RowsDone) : null, 0, size, resumed: true);
                    return swappedIn.RowsWritten;
                }
            }
            var (batch, saved, wasResumed) = (Outcome.Committed)outcome;
            resumed ??= wasResumed;
            rowsThisRun += batch.Count;
            RetortTelemetry.Rows(batch.Written, Revision.Info.Id, _run.Dialect.Name);
            _run.Loggers.Data.LogDebug(RetortEventIds.BatchCommitted, "Batch of revision {Revision} (step {Step}): {Rows} row(s), {Done} done in all.",
                Revision.Info.Id, Step + 1, batch.Count, saved.RowsDone);
            size = batching.NextBatchSize(size, batchWatch.Elapsed);
            // Sparse keys (deleted rows, keys from a shared sequence, time-based ids) would make batches bounded by key
            // value hold a fraction of their size, down to one row each: from here on this run finds each batch's end
            // by row count instead.
            if (byKeyRange && !batch.Finished && batch.Count < size / 2) byKeyRange = false;
            if (saved.Phase == CheckpointPhase.Copied) saved = await copy!.SwapInAsync(saved, ct);
            var rate = rowsThisRun / Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
            Report(saved, total is { } t ? Math.Max(t, saved.RowsDone) : null, rate, size, resumed == true);
            if (saved.Finished) return saved.RowsWritten;
            if (batching.PauseBetweenBatches > TimeSpan.Zero) await DelayAsync(batching.PauseBetweenBatches, ct);
        }
    }

    /// <summary>One batch's transaction: the checkpoint read, the batch, the checkpoint written, the commit.</summary>
    private async Task<Outcome> BatchAsync(CopyAndSwapStep? copy, DataSource source, int size, bool byKeyRange, Stopwatch batchWatch, bool? resumed)
    {
        Outcome? outcome = null;
        // A batch, once started, runs to its commit: cancellation takes effect between batches.
        await TransactionProtocol.RunAsync(Executor, _run.Policy, [], async () =>
        {
            var checkpoint = await ReadCheckpointAsync(CancellationToken.None);
            if (checkpoint is { Finished: true })
            {
                outcome = new Outcome.Finished(checkpoint);
                return true;
            }
            if (copy is not null && checkpoint is null)
            {
                // The copy, its change log and the trigger feeding it exist exactly when this first checkpoint does.
                await copy.PrepareAsync();
                await SaveAsync(new DataStepProgress(Revision.Info.Id, Revision.Direction, Step, Operation.Describe(), 0, 0, false, TimeSpan.Zero, Checksum, null), exists: false);
                outcome = new Outcome.Prepared();
                return true;
            }
            if (copy is not null && checkpoint is { Phase: CheckpointPhase.Copied })
            {
                outcome = new Outcome.Copied(checkpoint);
                return true;
            }
            var last = checkpoint?.LastKey is { } text ? KeyCodec.Decode(text) : null;
            var batch = Operation switch
            {
                BackfillOperation when copy is not null => await copy.CopyBatchAsync(source, last, size, byKeyRange),
                BackfillOperation b when byKeyRange => await BackfillBatches.ByKeyRangeAsync(Context, b, source, last, size),
                BackfillOperation b => await BackfillBatches.ByCountAsync(Context, b, source, last, size),
                _ => await TransformBatches.NextAsync(Context, (TransformOperation)Operation, source, last, size),
            };
            // A copy is finished only when it has been swapped in; its last batch marks the checkpoint as copied, so a
            // run that stops before the swap resumes at the swap.
            var copied = copy is not null && batch.Finished;
            var saved = new DataStepProgress(Revision.Info.Id, Revision.Direction, Step, Operation.Describe(), (checkpoint?.RowsDone ?? 0) + batch.Count,
                (checkpoint?.RowsWritten ?? 0) + batch.Written, batch.Finished && copy is null, (checkpoint?.Elapsed ?? TimeSpan.Zero) + batchWatch.Elapsed,
                Checksum, batch.Last is null ? checkpoint?.LastKey : KeyCodec.Encode(batch.Last), copied ? CheckpointPhase.Copied : CheckpointPhase.Batches);
            await SaveAsync(saved, checkpoint is not null);
            outcome = new Outcome.Committed(batch, saved, resumed ?? checkpoint is not null);
            return true;
        }, CancellationToken.None);
        return outcome!;
    }

    /// <summary>
    /// After a lock failure, the batch and its checkpoint were rolled back together (the protocol did); the policy tries
    /// it again after its delay, or, when the retries are used up, the step stops with what held the lock.
    /// </summary>
    private async Task RolledBackAsync(LockRetry retry)
    {
        if (retry.Delay is not { } delay) throw await LockGaveUpAsync(retry);
        _run.Loggers.Lock.LogWarning(RetortEventIds.LockRetry, "A batch of revision {Revision} (step {Step}: {Description}) could not get a lock ({Reason}; {Summary}): " +
            "another session holds it. The batch was rolled back; trying it again in {Delay} ms.",
            Revision.Info.Id, Step + 1, Operation.Describe(), DatabaseMessage(retry.Failure), retry.Summary, (long)delay.TotalMilliseconds);
    }

    /// <summary>The error of a batch that kept meeting lock failures until the retries were used up.</summary>
    private async Task<RetortException> LockGaveUpAsync(LockRetry retry)
    {
        var dialect = _run.Dialect;
        var table = Operation switch
        {
            BackfillOperation b => dialect.QualifyName(b.Schema, b.TableName),
            TransformOperation t => dialect.QualifyName(t.Schema, t.TargetTable),
            _ => Operation.Describe(),
        };
        string held;
        try { held = await Context.Sql.DescribeLockFailureAsync(Executor.Connection, retry.Failure, table, CancellationToken.None); }
        catch (System.Data.Common.DbException) { held = DatabaseMessage(retry.Failure); }
        return new RetortException($"Gave up a batch of revision {Revision.Info.Id} (step {Step + 1}: {Operation.Describe()}) on table {table} after {retry.Attempt} " +
            $"attempts over {retry.Waited.TotalSeconds:0.#} s" + (retry.Budget is { } budget ? $" (the lock wait budget is {budget.TotalSeconds:0.#} s)" : "") +
            $": another session kept holding a lock the batch needs ({held})" + (retry.Blockers is { Length: > 0 } who ? $"; blocked by {who}" : "") +
            ". The batch was rolled back; " +
            "every batch before it is committed and checkpointed. Let that session finish (or end it), then run upgrade again to resume from the checkpoint.",
            retry.Failure);
    }

    /// <summary>Runs work in a transaction of its own (a phase of a copy and swap); cancellation is checked before it starts.</summary>
    public async Task<long> InTransactionAsync(Func<Task<long>> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) throw Cancelled(ct);
        var result = 0L;
        await TransactionProtocol.RunAsync(Executor, _run.Policy, [], async () =>
        {
            result = await work();
            return true;
        }, CancellationToken.None);
        return result;
    }

    /// <summary>Writes the step's checkpoint; inside the transaction of the work it records.</summary>
    public Task SaveAsync(DataStepProgress checkpoint, bool exists) => _run.Progress.SaveAsync(Executor, checkpoint, exists, CancellationToken.None);

    private Task<DataStepProgress?> ReadCheckpointAsync(CancellationToken ct) =>
        _run.Progress.ReadStepAsync(Executor, Revision.Info.Id, Revision.Direction, Step, ct);

    private void Report(DataStepProgress saved, long? total, double rate, int size, bool resumed)
    {
        var progress = new DataProgress(Revision.Info, Step, Operation.Describe(), saved.RowsDone, saved.RowsWritten, total, rate, size, saved.Finished, resumed);
        // The batch is committed; a failing progress display must not stop the migration.
        try { _run.Events.DataProgress?.Invoke(progress); }
        catch (Exception e) when (e is not OperationCanceledException) { _run.Logger.LogWarning(RetortEventIds.ProgressHandlerFailed, e, "A progress handler failed; the data step goes on."); }
    }

    public static string DatabaseMessage(Exception e) => e is StatementFailedException s ? s.DatabaseMessage : (e.InnerException ?? e).Message;

    public OperationCanceledException Cancelled(CancellationToken ct) => new(
        $"Stopped between two batches of revision {Revision.Info.Id} (step {Step + 1}: {Operation.Describe()}). Every committed batch is " +
        "checkpointed; the revision is partly applied and not yet recorded as applied. Run upgrade again to resume from the checkpoint.", ct);

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        // A pause is cut short by cancellation; the cancellation check before the next batch then stops the step.
        try { await Task.Delay(delay, ct); } catch (OperationCanceledException) { }
    }

    private async Task WaitForReplicaAsync(BatchOptions batching, CancellationToken ct)
    {
        if (batching.ReplicaName is not { } replica) return;
        while (!ct.IsCancellationRequested)
        {
            var lag = await Context.Sql.GetReplicaLagAsync(Executor.Connection, replica, ct);
            if (lag is null || lag <= batching.MaxReplicaLag) return;
            _run.Loggers.Data.LogInformation(RetortEventIds.ReplicaLagging, "Replica {Replica} replays {Lag} behind (limit {Max}); waiting before the next batch.", replica, lag, batching.MaxReplicaLag);
            await DelayAsync(batching.ReplicaPollInterval, ct);
        }
    }
}
