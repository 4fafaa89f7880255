using System.Globalization;
using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner.Data;

/// <summary>The batches of an in-place backfill: an UPDATE of the next rows by key, bounded by row count or by key value.</summary>
internal static class BackfillBatches
{
    /// <summary>A batch of at most <paramref name="size"/> rows after <paramref name="last"/>, its end found by counting keys.</summary>
    public static async Task<Batch> ByCountAsync(DataStepContext context, BackfillOperation op, DataSource source, object?[]? last, int size)
    {
        var sql = context.Sql;
        var first = last is null;
        var boundary = new SqlStatement(sql.NextBatchBoundarySql(source.Text, source.Keys, first)) { Parameters = DataStepContext.Params(last, null, size) };
        var rows = await context.Executor.QueryAsync(boundary, CancellationToken.None);
        if (rows.Count == 0) return new Batch(0, 0, null, true);
        var upper = rows[0][..source.Keys.Count];
        var count = Convert.ToInt32(rows[0][source.Keys.Count], CultureInfo.InvariantCulture);
        var update = new SqlStatement(sql.UpdateBatchSql(source.Text, op.Set, op.Where, source.Keys, first)) { Parameters = DataStepContext.Params(last, upper, null) };
        var written = await context.Executor.ExecuteCountAsync(update, CancellationToken.None);
        return new Batch(count, written, upper, count < size);
    }

    /// <summary>
    /// A batch bounded by key value (see <see cref="DataMigrationSupport.CanBatchByKeyRangeAsync"/>): from the next
    /// existing key up to that plus <paramref name="size"/> − 1, so it holds at most <paramref name="size"/> rows
    /// and gaps in the keys cost no empty batches. Used without a WHERE filter only, where the rows updated are
    /// the rows walked, and only while batches come out at least half full.
    /// </summary>
    public static async Task<Batch> ByKeyRangeAsync(DataStepContext context, BackfillOperation op, DataSource source, object?[]? last, int size)
    {
        if (await context.NextKeyAsync(source, last) is not { } from) return new Batch(0, 0, null, true);
        var upTo = from > long.MaxValue - (size - 1) ? long.MaxValue : from + (size - 1);
        var update = new SqlStatement(context.Sql.UpdateBatchSql(source.Text, op.Set, op.Where, source.Keys, last is null)) { Parameters = DataStepContext.Params(last, [upTo], null) };
        var written = await context.Executor.ExecuteCountAsync(update, CancellationToken.None);
        var finished = upTo == long.MaxValue || await context.NextKeyAsync(source, [upTo]) is null;
        return new Batch(written, written, [upTo], finished);
    }
}
