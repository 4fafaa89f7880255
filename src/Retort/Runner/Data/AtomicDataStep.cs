using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner.Data;

/// <summary>
/// An atomic data step (<see cref="DataOperation.Atomic"/>) run whole inside the revision's open transaction, with no
/// checkpoint and no commit: a backfill as one <c>UPDATE</c>, a transformation in keyset batches all written in that
/// transaction.
/// </summary>
internal static class AtomicDataStep
{
    /// <summary>Runs the step; returns the rows written.</summary>
    public static async Task<long> RunAsync(DataStepContext context, DataOperation operation, CancellationToken ct)
    {
        switch (operation)
        {
            case BackfillOperation { Strategy: BackfillStrategy.CopyAndSwap }:
                throw new RetortException($"'{operation.Describe()}' is atomic, which a copy and swap cannot be (it commits phase by phase); run it in place or not atomic.");
            case BackfillOperation b:
                return await context.Executor.ExecuteCountAsync(new SqlStatement(context.Sql.UpdateAllSql(context.Dialect.QualifyName(b.Schema, b.TableName), b.Set, b.Where)), ct);
        }
        var transform = (TransformOperation)operation;
        var source = await DataSource.ResolveAsync(context, operation, ct);
        var batching = operation.BatchingOr(context.Executor.DefaultBatching);
        var size = Math.Clamp(batching.BatchSize, 1, Math.Max(1, batching.MaxBatchSize));
        object?[]? last = null;
        long written = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = await TransformBatches.NextAsync(context, transform, source, last, size);
            written += batch.Written;
            if (batch.Finished) return written;
            last = batch.Last;
        }
    }
}
