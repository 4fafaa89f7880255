using System.Data.Common;
using Microsoft.Extensions.Logging;
using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner.Data;

/// <summary>
/// The batches of a C# transformation: the next rows by key are read, converted, and written to the target, streamed
/// from reader to writer where the connection allows it. A failing read or write names its statement.
/// </summary>
internal static class TransformBatches
{
    public static async Task<Batch> NextAsync(DataStepContext context, TransformOperation op, DataSource source, object?[]? last, int size)
    {
        var (executor, sql) = (context.Executor, context.Sql);
        await executor.FlushAsync(CancellationToken.None);
        var target = context.Dialect.QualifyName(op.Schema, op.TargetTable);
        // Rows go straight from the reader to the target where the connection allows it and the source cannot be
        // the target (a query might read it); otherwise the batch is read first, then written.
        var streaming = sql.CanWriteWhileReading && !source.IsQuery &&
            !string.Equals(op.SourceTable, op.TargetTable, StringComparison.OrdinalIgnoreCase);
        var buffered = streaming ? null : new List<object?[]>(Math.Min(size, 100_000));
        var select = new SqlStatement(sql.SelectBatchSql(source.Text, source.IsQuery, source.Keys, last is null)) { Parameters = DataStepContext.Params(last, null, size), Kind = StatementKind.Data };
        var insert = new SqlStatement($"INSERT INTO {target} ({string.Join(", ", op.TargetColumns.Select(context.Dialect.QuoteIdentifier))}) …") { Kind = StatementKind.Data };
        RowWriter? writer = null;
        var current = select;
        try
        {
            var count = 0;
            long written = 0;
            object?[]? newLast = null;
            await using (var command = executor.Connection.CreateCommand(select, executor.Transaction))
            {
                command.CommandTimeout = 0;
                context.Logger.LogDebug(RetortEventIds.Query, "{Sql}", select.Sql);
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
                        else
                        {
                            current = insert;
                            await (writer ??= await OpenWriterAsync(context, op, target)).WriteAsync(values, CancellationToken.None);
                            current = select;
                        }
                    }
                    // Only a full batch's last row needs its key (the next batch starts after it); a shorter batch
                    // is the step's last.
                    if (count == size)
                        for (var i = 0; i < ordinals.Length; i++) key[i] = reader.IsDBNull(ordinals[i]) ? null : reader.GetValue(ordinals[i]);
                }
                if (count == size) newLast = key;
            }
            current = insert;
            if (buffered is { Count: > 0 })
            {
                writer = await OpenWriterAsync(context, op, target);
                foreach (var row in buffered) await writer.WriteAsync(row, CancellationToken.None);
            }
            if (writer is not null) await writer.CompleteAsync(CancellationToken.None);
            return new Batch(count, written, newLast, count < size);
        }
        catch (DbException e)
        {
            throw new StatementFailedException(current, e.Message, e);
        }
        finally
        {
            if (writer is not null) await writer.DisposeAsync();
        }
    }

    private static Task<RowWriter> OpenWriterAsync(DataStepContext context, TransformOperation op, string target) =>
        context.Sql.OpenWriterAsync(context.Executor.Connection, context.Executor.Transaction!, target, op.TargetColumns, CancellationToken.None);

    private static int Ordinal(DbDataReader reader, string key, TransformOperation op)
    {
        for (var i = 0; i < reader.FieldCount; i++)
            if (string.Equals(reader.GetName(i), key, StringComparison.OrdinalIgnoreCase)) return i;
        throw new RetortException($"The source of '{op.Describe()}' returns no column '{key}'; the key columns must be among the columns it selects.");
    }
}
