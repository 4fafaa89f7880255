using Retort.Operations;

namespace Retort.Runner.Data;

/// <summary>What a data step reads: a quoted table name or a query, its key columns, and whether backfill batches are bounded by key value.</summary>
internal sealed record DataSource(string Text, bool IsQuery, IReadOnlyList<string> Keys, bool ByKeyRange = false)
{
    /// <summary>Finds the source and its keys (a primary key, or given columns covered by a unique constraint).</summary>
    public static async Task<DataSource> ResolveAsync(DataStepContext context, DataOperation operation, CancellationToken ct)
    {
        var dialect = context.Dialect;
        switch (operation)
        {
            case BackfillOperation b:
            {
                var keys = await KeysAsync(context, b.TableName, b.Schema, b.KeyColumns, "backfill", ct);
                // A copy writes every row (its WHERE only picks the rows the SET applies to), so it may always walk key ranges.
                var byRange = (b.Where is null || b.Strategy == BackfillStrategy.CopyAndSwap)
                    && await context.Sql.CanBatchByKeyRangeAsync(context.Executor.Connection, b.TableName, b.Schema, keys, ct);
                return new DataSource(dialect.QualifyName(b.Schema, b.TableName), false, keys, byRange);
            }
            case TransformOperation t when t.SourceQuery is not null:
                if (t.KeyColumns.Count == 0)
                    throw new RetortException($"'{t.Describe()}' reads a query but names no key columns. Pass keyColumns: columns the query returns whose values are unique and not null (for example the source table's primary key), so batches can resume by key.");
                return new DataSource(t.SourceQuery, true, t.KeyColumns);
            case TransformOperation t:
                return new DataSource(dialect.QualifyName(t.Schema, t.SourceTable!), false, await KeysAsync(context, t.SourceTable!, t.Schema, t.KeyColumns, "transform", ct));
            default:
                throw new RetortException($"Unsupported data step '{operation.Describe()}'.");
        }
    }

    private static async Task<IReadOnlyList<string>> KeysAsync(DataStepContext context, string tableName, string? schema, IReadOnlyList<string> given, string what, CancellationToken ct)
    {
        var table = await context.Dialect.Reflection.ReflectTableAsync(context.Executor.Connection, context.Executor.Transaction, tableName, schema, ct)
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
