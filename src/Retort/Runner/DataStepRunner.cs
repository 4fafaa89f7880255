using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Operations;
using Retort.Revisions;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>
/// Runs one batched data step: keyset batches, each in its own transaction together with the update of its
/// checkpoint row, so a batch is either committed and recorded or neither. The checkpoint is read inside every
/// batch's transaction, which is also what keeps two runners from doing the same batch twice.
/// </summary>
internal sealed class DataStepRunner(OnlineExecutor executor, Dialect dialect, ProgressStore progress, ILogger logger, Action<DataProgress>? report)
{
    private DataMigrationSupport Sql => dialect.DataMigrations;

    /// <summary>Runs the step to its end (or to cancellation between batches); returns rows written in all runs.</summary>
    public async Task<long> RunAsync(RevisionInfo revision, string direction, int step, DataOperation operation, string checksum, CancellationToken ct)
    {
        var source = await ResolveAsync(operation, ct);
        // A copy-and-swap backfill is checked against the table's catalog before anything changes (and not at all
        // once it has been swapped in).
        TableCopy? copy = null;
        if (operation is BackfillOperation { Strategy: BackfillStrategy.CopyAndSwap } swapped
            && await progress.ReadStepAsync(executor, revision.Id, direction, step, ct) is var started and not { Finished: true })
        {
            // Swapped in by an earlier run that stopped before the work after the swap was done: only that is left.
            if (started?.LastKey is { } phase && phase.StartsWith(SwappedMarker, StringComparison.Ordinal))
            {
                var finished = await FinishSwapAsync(revision, step, operation, started, ct);
                Report(new DataProgress(revision, step, operation.Describe(), finished.RowsDone, finished.RowsWritten, finished.RowsDone, 0,
                    operation.Batching.BatchSize, true, true));
                return finished.RowsWritten;
            }
            copy = await Sql.CreateTableCopyAsync(executor.Connection, swapped, source.Keys, resuming: started is not null, ct);
        }
        await using var prepared = await Sql.PrepareConnectionAsync(executor.Connection, ct);
        var total = await Sql.EstimateRowsAsync(executor.Connection, source.Text, source.IsQuery, ct);
        var batching = operation.Batching;
        var size = Math.Clamp(batching.BatchSize, 1, Math.Max(1, batching.MaxBatchSize));
        var watch = Stopwatch.StartNew();
        long rowsThisRun = 0;
        bool? resumed = null;
        var byKeyRange = source.ByKeyRange;
        // Lock failures of the current batch (see the catch below) and how long it has waited for its locks.
        var lockFailures = 0;
        Stopwatch? lockWait = null;
        while (true)
        {
            if (ct.IsCancellationRequested) throw Cancelled(revision, step, operation, ct);
            await WaitForReplicaAsync(batching, ct);
            var batchWatch = Stopwatch.StartNew();
            DataStepProgress saved;
            int walked;
            var copied = false;
            // A batch, once started, runs to its commit: cancellation takes effect between batches.
            await executor.BeginAsync(CancellationToken.None);
            try
            {
                var checkpoint = await progress.ReadStepAsync(executor, revision.Id, direction, step, CancellationToken.None);
                resumed ??= checkpoint is not null;
                if (checkpoint is { Finished: true })
                {
                    await executor.CommitAsync(CancellationToken.None);
                    return checkpoint.RowsWritten;
                }
                if (copy is not null && checkpoint is null)
                {
                    // The copy, its change log and the trigger feeding it exist exactly when this first checkpoint does.
                    await copy.PrepareAsync(executor.Connection, executor.Transaction!, CancellationToken.None);
                    checkpoint = new DataStepProgress(revision.Id, direction, step, operation.Describe(), 0, 0, false, TimeSpan.Zero, checksum, null);
                    await progress.SaveAsync(executor, checkpoint, exists: false, CancellationToken.None);
                    await executor.CommitAsync(CancellationToken.None);
                    continue;
                }
                if (copy is not null && checkpoint?.LastKey is { } marked && marked.StartsWith(CopiedMarker, StringComparison.Ordinal))
                {
                    // Every row was copied in an earlier run, which stopped before the swap: another batch would copy
                    // again the rows inserted since, which the replay may already have put into the copy.
                    await executor.CommitAsync(CancellationToken.None);
                    var swappedIn = await SwapInAsync(copy, revision, step, operation, checkpoint, ct);
                    Report(new DataProgress(revision, step, operation.Describe(), swappedIn.RowsDone, swappedIn.RowsWritten,
                        total is { } all ? Math.Max(all, swappedIn.RowsDone) : null, 0, size, true, true));
                    return swappedIn.RowsWritten;
                }
                var last = checkpoint?.LastKey is { } text ? KeyCodec.Decode(text) : null;
                var batch = operation switch
                {
                    BackfillOperation when copy is not null => await CopyBatchAsync(copy, source, last, size, byKeyRange),
                    BackfillOperation b when byKeyRange => await BackfillRangeBatchAsync(b, source, last, size),
                    BackfillOperation b => await BackfillBatchAsync(b, source, last, size),
                    _ => await TransformBatchAsync((TransformOperation)operation, source, last, size),
                };
                walked = batch.Count;
                copied = copy is not null && batch.Finished;
                // Sparse keys (deleted rows, keys from a shared sequence, time-based ids) would make batches bounded
                // by key value hold a fraction of their size, down to one row each: from here on this run finds each
                // batch's end by row count instead.
                if (byKeyRange && !batch.Finished && batch.Count < size / 2) byKeyRange = false;
                // A copy is finished only when it has been swapped in, in the transaction that does so; its last batch
                // marks the checkpoint as copied, so a run that stops before the swap resumes at the swap.
                var lastKey = batch.Last is null ? checkpoint?.LastKey : KeyCodec.Encode(batch.Last);
                if (copied) lastKey = CopiedMarker + lastKey;
                saved = new DataStepProgress(revision.Id, direction, step, operation.Describe(), (checkpoint?.RowsDone ?? 0) + batch.Count,
                    (checkpoint?.RowsWritten ?? 0) + batch.Written, batch.Finished && copy is null, (checkpoint?.Elapsed ?? TimeSpan.Zero) + batchWatch.Elapsed,
                    checksum, lastKey);
                await progress.SaveAsync(executor, saved, checkpoint is not null, CancellationToken.None);
                await executor.CommitAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                await executor.RollbackAsync(CancellationToken.None);
                // Another session holds a lock the batch needs (a row lock longer than the lock timeout, or a deadlock):
                // the batch and its checkpoint were undone together; it runs again after the dialect's retry delay,
                // the policy DDL statements follow, until the retries are used up.
                if (!dialect.IsLockFailure(e)) throw;
                lockWait ??= Stopwatch.StartNew();
                if (dialect.LockRetryDelay(++lockFailures) is not { } delay)
                    throw await LockGaveUpAsync(e, revision, step, operation, lockFailures, lockWait.Elapsed);
                logger.LogWarning("A batch of revision {Revision} (step {Step}: {Description}) could not get a lock ({Reason}; attempt {Attempt}): " +
                    "another session holds it. The batch was rolled back; trying it again in {Delay} ms.",
                    revision.Id, step + 1, operation.Describe(), DatabaseMessage(e), lockFailures, (long)delay.TotalMilliseconds);
                try { await Task.Delay(delay, ct); }
                catch (OperationCanceledException) { throw Cancelled(revision, step, operation, ct); }
                continue;
            }
            (lockFailures, lockWait) = (0, null);
            rowsThisRun += walked;
            var took = batchWatch.Elapsed;
            size = batching.NextBatchSize(size, took);
            var rate = rowsThisRun / Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
            if (copied)
            {
                saved = await SwapInAsync(copy!, revision, step, operation, saved, ct);
                rate = rowsThisRun / Math.Max(watch.Elapsed.TotalSeconds, 1e-6);
            }
            Report(new DataProgress(revision, step, operation.Describe(), saved.RowsDone, saved.RowsWritten,
                total is { } t ? Math.Max(t, saved.RowsDone) : null, rate, size, saved.Finished, resumed == true));
            if (saved.Finished) return saved.RowsWritten;
            if (batching.PauseBetweenBatches > TimeSpan.Zero) await DelayAsync(batching.PauseBetweenBatches, ct);
        }
    }

    private void Report(DataProgress progressReport)
    {
        // The batch is committed; a failing progress display must not stop the migration.
        try { report?.Invoke(progressReport); }
        catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "A progress handler failed; the data step goes on."); }
    }

    /// <summary>
    /// After the last copy batch: replays the writes recorded while copying, builds the copy's indexes, replays
    /// until little is left, and swaps the copy in, in the transaction that marks the step finished. Each phase
    /// is its own transaction and is safe to run again, so a run that dies here resumes by repeating it.
    /// </summary>
    private async Task<DataStepProgress> SwapInAsync(TableCopy copy, RevisionInfo revision, int step, DataOperation operation, DataStepProgress saved,
        CancellationToken ct)
    {
        var phaseWatch = Stopwatch.StartNew();
        // Without indexes on the copy this pass reads the whole copy once; it also makes the copy a consistent
        // picture of the table, which its unique indexes need.
        await InTransactionAsync(() => copy.ReplayAsync(executor.Connection, executor.Transaction!, CancellationToken.None), ct, revision, step, operation);
        await InTransactionAsync(async () =>
        {
            await copy.BuildIndexesAsync(executor.Connection, executor.Transaction!, CancellationToken.None);
            return 0L;
        }, ct, revision, step, operation);
        // Writes keep arriving while the indexes build; replay until a pass finds few, so the swap's own pass,
        // made while the table is locked, is short.
        for (var pass = 0; pass < MaxReplayPasses; pass++)
            if (await InTransactionAsync(() => copy.ReplayAsync(executor.Connection, executor.Transaction!, CancellationToken.None), ct, revision, step, operation)
                <= ReplayedFewEnough) break;
        // The swap's transaction records what is left after it (validating foreign keys, statistics) as the step's
        // phase: the step is finished only when that has run too, in this run or the next.
        var after = copy.AfterSwapStatements;
        var swappedIn = saved with
        {
            Finished = after.Count == 0,
            LastKey = after.Count == 0 ? saved.LastKey : SwappedMarker + KeyCodec.Encode(after.ToArray()),
            Elapsed = saved.Elapsed + phaseWatch.Elapsed,
        };
        await InTransactionAsync(async () =>
        {
            await copy.SwapAsync(executor.Connection, executor.Transaction!, CancellationToken.None);
            await progress.SaveAsync(executor, swappedIn, exists: true, CancellationToken.None);
            return 0L;
        }, ct, revision, step, operation);
        logger.LogInformation("Swapped in the backfilled copy of the table ({Step}).", operation.Describe());
        return swappedIn.Finished ? swappedIn : await FinishSwapAsync(revision, step, operation, swappedIn, ct);
    }

    /// <summary>
    /// Runs the statements a committed swap left in the checkpoint (<see cref="TableCopy.AfterSwapStatements"/>), each
    /// outside any transaction with the dialect's lock retries, then marks the step finished. A failure or a stop
    /// here leaves the step swapped with that work left, and the next run starts with it.
    /// </summary>
    private async Task<DataStepProgress> FinishSwapAsync(RevisionInfo revision, int step, DataOperation operation, DataStepProgress swapped, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        foreach (var sql in KeyCodec.Decode(swapped.LastKey![SwappedMarker.Length..]).Cast<string>())
        {
            if (ct.IsCancellationRequested) throw Cancelled(revision, step, operation, ct);
            try { await executor.ExecuteAsync(new SqlStatement(sql), ct); }
            catch (Exception e) when (e is RetortException or DbException)
            {
                throw new RetortException($"Revision {revision.Id} (step {step + 1}: {operation.Describe()}): the backfilled copy of the table is swapped in, " +
                    $"but this did not complete: {sql} ({DatabaseMessage(e)}). The step is recorded as swapped with that work left, and the revision as " +
                    "not applied yet. Fix the cause and run upgrade again: it runs what is left after the swap and then records the revision.", e);
            }
        }
        var done = swapped with { Finished = true, Elapsed = swapped.Elapsed + watch.Elapsed };
        await InTransactionAsync(async () =>
        {
            await progress.SaveAsync(executor, done, exists: true, CancellationToken.None);
            return 0L;
        }, ct, revision, step, operation);
        return done;
    }

    /// <summary>Prefix of a copy-and-swap step's checkpoint key once every row has been copied.</summary>
    private const string CopiedMarker = "copied:";

    /// <summary>Prefix of a copy-and-swap step's checkpoint once the swap committed; the statements left after it follow.</summary>
    private const string SwappedMarker = "swapped:";

    private const int MaxReplayPasses = 20;
    private const long ReplayedFewEnough = 1000;

    private async Task<long> InTransactionAsync(Func<Task<long>> work, CancellationToken ct, RevisionInfo revision, int step, DataOperation operation)
    {
        if (ct.IsCancellationRequested) throw Cancelled(revision, step, operation, ct);
        await executor.BeginAsync(CancellationToken.None);
        try
        {
            var result = await work();
            await executor.CommitAsync(CancellationToken.None);
            return result;
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>The error of a batch that kept meeting lock failures until the retries were used up.</summary>
    private async Task<RetortException> LockGaveUpAsync(Exception failure, RevisionInfo revision, int step, DataOperation operation, int attempts, TimeSpan waited)
    {
        var table = operation switch
        {
            BackfillOperation b => dialect.QualifyName(b.Schema, b.TableName),
            TransformOperation t => dialect.QualifyName(t.Schema, t.TargetTable),
            _ => operation.Describe(),
        };
        string held;
        try { held = await Sql.DescribeLockFailureAsync(executor.Connection, failure, table, CancellationToken.None); }
        catch (DbException) { held = DatabaseMessage(failure); }
        return new RetortException($"Gave up a batch of revision {revision.Id} (step {step + 1}: {operation.Describe()}) on table {table} after {attempts} " +
            $"attempts over {waited.TotalSeconds:0.#} s: another session kept holding a lock the batch needs ({held}). The batch was rolled back; " +
            "every batch before it is committed and checkpointed. Let that session finish (or end it), then run upgrade again to resume from the checkpoint.",
            failure);
    }

    private static string DatabaseMessage(Exception e) => e is StatementFailedException s ? s.DatabaseMessage : (e.InnerException ?? e).Message;

    private static OperationCanceledException Cancelled(RevisionInfo revision, int step, DataOperation operation, CancellationToken ct) => new(
        $"Stopped between two batches of revision {revision.Id} (step {step + 1}: {operation.Describe()}). Every committed batch is " +
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
            var lag = await Sql.GetReplicaLagAsync(executor.Connection, replica, ct);
            if (lag is null || lag <= batching.MaxReplicaLag) return;
            logger.LogInformation("Replica {Replica} replays {Lag} behind (limit {Max}); waiting before the next batch.", replica, lag, batching.MaxReplicaLag);
            await DelayAsync(batching.ReplicaPollInterval, ct);
        }
    }

    /// <summary>One batch's outcome: rows walked, rows written, the key to resume after (null: unchanged), whether it was the last.</summary>
    private readonly record struct Batch(int Count, long Written, object?[]? Last, bool Finished);

    private async Task<Batch> BackfillBatchAsync(BackfillOperation op, Source source, object?[]? last, int size)
    {
        var first = last is null;
        var boundary = new SqlStatement(Sql.NextBatchBoundarySql(source.Text, source.Keys, first)) { Parameters = Params(last, null, size) };
        var rows = await executor.QueryAsync(boundary, CancellationToken.None);
        if (rows.Count == 0) return new Batch(0, 0, null, true);
        var upper = rows[0][..source.Keys.Count];
        var count = Convert.ToInt32(rows[0][source.Keys.Count], CultureInfo.InvariantCulture);
        var update = new SqlStatement(Sql.UpdateBatchSql(source.Text, op.Set, op.Where, source.Keys, first)) { Parameters = Params(last, upper, null) };
        var written = await executor.ExecuteCountAsync(update, CancellationToken.None);
        return new Batch(count, written, upper, count < size);
    }

    /// <summary>
    /// A batch bounded by key value (see <see cref="DataMigrationSupport.CanBatchByKeyRangeAsync"/>): from the next
    /// existing key up to that plus <paramref name="size"/> − 1, so it holds at most <paramref name="size"/> rows
    /// and gaps in the keys cost no empty batches. Used without a WHERE filter only, where the rows updated are
    /// the rows walked, and only while batches come out at least half full.
    /// </summary>
    private async Task<Batch> BackfillRangeBatchAsync(BackfillOperation op, Source source, object?[]? last, int size)
    {
        var key = source.Keys[0];
        if (await NextKeyAsync(source, key, last) is not { } from) return new Batch(0, 0, null, true);
        var upTo = from > long.MaxValue - (size - 1) ? long.MaxValue : from + (size - 1);
        var update = new SqlStatement(Sql.UpdateBatchSql(source.Text, op.Set, op.Where, source.Keys, last is null)) { Parameters = Params(last, [upTo], null) };
        var written = await executor.ExecuteCountAsync(update, CancellationToken.None);
        var finished = upTo == long.MaxValue || await NextKeyAsync(source, key, [upTo]) is null;
        return new Batch(written, written, [upTo], finished);
    }

    /// <summary>
    /// One batch of a copy-and-swap backfill: the next rows by key, bounded by key value or by row count as an
    /// in-place backfill's batch would be, inserted into the copy with the SET clause applied.
    /// </summary>
    private async Task<Batch> CopyBatchAsync(TableCopy copy, Source source, object?[]? last, int size, bool byKeyRange)
    {
        var first = last is null;
        object?[] upTo;
        int count;
        if (byKeyRange)
        {
            var key = source.Keys[0];
            if (await NextKeyAsync(source, key, last) is not { } from) return new Batch(0, 0, null, true);
            upTo = [from > long.MaxValue - (size - 1) ? long.MaxValue : from + (size - 1)];
            count = -1;
        }
        else
        {
            var boundary = new SqlStatement(Sql.NextBatchBoundarySql(source.Text, source.Keys, first)) { Parameters = Params(last, null, size) };
            var rows = await executor.QueryAsync(boundary, CancellationToken.None);
            if (rows.Count == 0) return new Batch(0, 0, null, true);
            upTo = rows[0][..source.Keys.Count];
            count = Convert.ToInt32(rows[0][source.Keys.Count], CultureInfo.InvariantCulture);
        }
        var range = (first ? "" : Sql.KeyCondition(source.Keys, ">", "k") + " AND ") + Sql.KeyCondition(source.Keys, "<=", "u");
        var written = await executor.ExecuteCountAsync(new SqlStatement(copy.CopyBatchSql(range)) { Parameters = Params(last, upTo, null) }, CancellationToken.None);
        var finished = byKeyRange
            ? (long)upTo[0]! == long.MaxValue || await NextKeyAsync(source, source.Keys[0], upTo) is null
            : count < size;
        return new Batch(byKeyRange ? written : count, written, upTo, finished);
    }

    private async Task<long?> NextKeyAsync(Source source, string key, object?[]? after)
    {
        var rows = await executor.QueryAsync(new SqlStatement(Sql.NextKeySql(source.Text, key, after is null)) { Parameters = Params(after, null, null) },
            CancellationToken.None);
        return rows.Count == 0 || rows[0][0] is null or DBNull ? null : Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }

    private async Task<Batch> TransformBatchAsync(TransformOperation op, Source source, object?[]? last, int size)
    {
        await executor.FlushAsync(CancellationToken.None);
        var target = dialect.QualifyName(op.Schema, op.TargetTable);
        // Rows go straight from the reader to the target where the connection allows it and the source cannot be
        // the target (a query might read it); otherwise the batch is read first, then written.
        var streaming = Sql.CanWriteWhileReading && !source.IsQuery &&
            !string.Equals(op.SourceTable, op.TargetTable, StringComparison.OrdinalIgnoreCase);
        var buffered = streaming ? null : new List<object?[]>(Math.Min(size, 100_000));
        RowWriter? writer = null;
        try
        {
            var count = 0;
            long written = 0;
            object?[]? newLast = null;
            await using (var command = executor.Connection.CreateCommand())
            {
                command.Transaction = executor.Transaction;
                command.CommandTimeout = 0;
                command.CommandText = Sql.SelectBatchSql(source.Text, source.IsQuery, source.Keys, last is null);
                foreach (var (name, value) in Params(last, null, size))
                {
                    var p = command.CreateParameter();
                    p.ParameterName = "@" + name;
                    p.Value = value ?? DBNull.Value;
                    command.Parameters.Add(p);
                }
                logger.LogDebug("{Sql}", command.CommandText);
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                var ordinals = source.Keys.Select(k => Ordinal(reader, k, op)).ToArray();
                var convert = op.CreateConverter(reader);
                var key = new object?[ordinals.Length];
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    count++;
                    if (convert(reader) is { } values)
                    {
                        written++;
                        if (buffered is not null) buffered.Add(values);
                        else await (writer ??= await OpenWriterAsync(op, target)).WriteAsync(values, CancellationToken.None);
                    }
                    // Only a full batch's last row needs its key (the next batch starts after it); a shorter batch
                    // is the step's last.
                    if (count == size)
                        for (var i = 0; i < ordinals.Length; i++) key[i] = reader.IsDBNull(ordinals[i]) ? null : reader.GetValue(ordinals[i]);
                }
                if (count == size) newLast = key;
            }
            if (buffered is { Count: > 0 })
            {
                writer = await OpenWriterAsync(op, target);
                foreach (var row in buffered) await writer.WriteAsync(row, CancellationToken.None);
            }
            if (writer is not null) await writer.CompleteAsync(CancellationToken.None);
            return new Batch(count, written, newLast, count < size);
        }
        finally
        {
            if (writer is not null) await writer.DisposeAsync();
        }
    }

    private Task<RowWriter> OpenWriterAsync(TransformOperation op, string target) =>
        Sql.OpenWriterAsync(executor.Connection, executor.Transaction!, target, op.TargetColumns, CancellationToken.None);

    private static int Ordinal(DbDataReader reader, string key, TransformOperation op)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (string.Equals(reader.GetName(i), key, StringComparison.OrdinalIgnoreCase)) return i;
        throw new RetortException($"The source of '{op.Describe()}' returns no column '{key}'; the key columns must be among the columns it selects.");
    }

    private static Dictionary<string, object?> Params(object?[]? after, object?[]? upTo, int? limit)
    {
        var p = new Dictionary<string, object?>();
        for (var i = 0; after is not null && i < after.Length; i++) p["k" + i.ToString(CultureInfo.InvariantCulture)] = after[i];
        for (var i = 0; upTo is not null && i < upTo.Length; i++) p["u" + i.ToString(CultureInfo.InvariantCulture)] = upTo[i];
        if (limit is { } l) p["limit"] = l;
        return p;
    }

    /// <summary>
    /// Runs an atomic step (<see cref="DataOperation.Atomic"/>) whole inside the executor's open transaction, with no
    /// checkpoint and no commit: a backfill as one <c>UPDATE</c>, a transformation in keyset batches that are all
    /// written in that transaction. Returns the rows written.
    /// </summary>
    public async Task<long> RunInTransactionAsync(DataOperation operation, CancellationToken ct)
    {
        switch (operation)
        {
            case BackfillOperation { Strategy: BackfillStrategy.CopyAndSwap }:
                throw new RetortException($"'{operation.Describe()}' is atomic, which a copy and swap cannot be (it commits phase by phase); run it in place or not atomic.");
            case BackfillOperation b:
                return await executor.ExecuteCountAsync(new SqlStatement(Sql.UpdateAllSql(dialect.QualifyName(b.Schema, b.TableName), b.Set, b.Where)), ct);
        }
        var transform = (TransformOperation)operation;
        var source = await ResolveAsync(operation, ct);
        var size = Math.Clamp(operation.Batching.BatchSize, 1, Math.Max(1, operation.Batching.MaxBatchSize));
        object?[]? last = null;
        long written = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = await TransformBatchAsync(transform, source, last, size);
            written += batch.Written;
            if (batch.Finished) return written;
            last = batch.Last;
        }
    }

    /// <summary>What a data step reads: a quoted table name or a query, its key columns, and whether backfill batches are bounded by key value.</summary>
    private sealed record Source(string Text, bool IsQuery, IReadOnlyList<string> Keys, bool ByKeyRange = false);

    private async Task<Source> ResolveAsync(DataOperation operation, CancellationToken ct)
    {
        switch (operation)
        {
            case BackfillOperation b:
            {
                var keys = await KeysAsync(b.TableName, b.Schema, b.KeyColumns, "backfill", ct);
                // A copy writes every row (its WHERE only picks the rows the SET applies to), so it may always walk key ranges.
                var byRange = (b.Where is null || b.Strategy == BackfillStrategy.CopyAndSwap)
                    && await Sql.CanBatchByKeyRangeAsync(executor.Connection, b.TableName, b.Schema, keys, ct);
                return new Source(dialect.QualifyName(b.Schema, b.TableName), false, keys, byRange);
            }
            case TransformOperation t when t.SourceQuery is not null:
                if (t.KeyColumns.Count == 0)
                    throw new RetortException($"'{t.Describe()}' reads a query but names no key columns. Pass keyColumns: columns the query returns whose values are unique and not null (for example the source table's primary key), so batches can resume by key.");
                return new Source(t.SourceQuery, true, t.KeyColumns);
            case TransformOperation t:
                return new Source(dialect.QualifyName(t.Schema, t.SourceTable!), false, await KeysAsync(t.SourceTable!, t.Schema, t.KeyColumns, "transform", ct));
            default:
                throw new RetortException($"Unsupported data step '{operation.Describe()}'.");
        }
    }

    private async Task<IReadOnlyList<string>> KeysAsync(string tableName, string? schema, IReadOnlyList<string> given, string what, CancellationToken ct)
    {
        var table = await dialect.ReflectTableAsync(executor.Connection, executor.Transaction, tableName, schema, ct)
            ?? throw new RetortException($"Cannot {what} table '{tableName}': it does not exist.");
        var unique = new List<IReadOnlyList<string>>();
        if (table.PrimaryKey is { } pk) unique.Add(pk.Columns);
        unique.AddRange(table.UniqueConstraints.Select(u => (IReadOnlyList<string>)u.Columns));
        unique.AddRange(table.Indexes.Where(i => i.Unique && i.Where is null && !i.Expressions).Select(i => (IReadOnlyList<string>)i.Columns));
        if (given.Count > 0)
        {
            if (unique.Any(u => u.Count == given.Count && u.All(c => given.Contains(c, StringComparer.OrdinalIgnoreCase))))
                return given;
            throw new RetortException($"Cannot {what} table '{tableName}' in batches by ({string.Join(", ", given)}): those columns are not its primary key or a unique constraint, so a batch boundary could split equal keys and skip rows. Name unique, not-null columns.");
        }
        if (table.PrimaryKey is { } key) return key.Columns;
        throw new RetortException($"Cannot {what} table '{tableName}' in batches: it has no primary key. Batches walk a table by a unique key (keyset pagination) so they can resume after a failure; " +
            "add a primary key first, or pass keyColumns naming columns covered by a unique constraint.");
    }
}
