using System.Diagnostics.CodeAnalysis;
using Retort.Operations;
using Retort.Schema;
using Retort.Sql;

namespace Retort.Migrations;

public sealed partial class Op
{
    /// <summary>
    /// Fills or fixes a column with a SQL expression, in batches by primary key (keyset, never OFFSET), each batch a
    /// short transaction of its own after the revision's preceding schema changes committed, with a checkpoint per
    /// batch: <c>op.Backfill("users", set: "email_lower = lower(email)", where: "email_lower IS NULL")</c>.
    /// </summary>
    /// <param name="table">The table; it needs a primary key (or <paramref name="keyColumns"/> covered by a unique constraint).</param>
    /// <param name="set">The SET clause.</param>
    /// <param name="where">Optional condition on the rows to update.</param>
    /// <param name="batchSize">Rows per batch to start with.</param>
    /// <param name="targetBatchDuration">Duration a batch should take; the batch size adapts toward it (default 200 ms).</param>
    /// <param name="batching">All batching and throttling settings; overrides <paramref name="batchSize"/> and <paramref name="targetBatchDuration"/>.
    /// With none of the three (or <paramref name="batchSize"/> left at 1,000), the step runs with the runner's default,
    /// <see cref="Runner.MigratorOptions.Batching"/>.</param>
    /// <param name="reverseSet">A SET clause that undoes this one, which makes the step reversible.</param>
    /// <param name="keyColumns">Columns to batch by instead of the primary key.</param>
    /// <param name="schema">The table's schema.</param>
    /// <param name="strategy">Update the rows in place (the default) or, on PostgreSQL, copy the table with the SET
    /// clause applied and swap the copy in (see <see cref="BackfillStrategy.CopyAndSwap"/>).</param>
    /// <param name="atomic">Run the whole step as one <c>UPDATE</c> inside the revision's transaction: all or nothing,
    /// no partly applied state (see <see cref="DataOperation.Atomic"/>). For small tables.</param>
    public BackfillOperation Backfill(string table, string set, string? where = null, int batchSize = 1000, TimeSpan? targetBatchDuration = null,
        BatchOptions? batching = null, string? reverseSet = null, string[]? keyColumns = null, string? schema = null,
        BackfillStrategy strategy = BackfillStrategy.InPlace, bool atomic = false)
    {
        if (atomic && strategy == BackfillStrategy.CopyAndSwap)
            throw new ArgumentException($"Backfill of '{table}': atomic runs the step inside the revision's transaction, which a copy and swap cannot do " +
                "(it commits phase by phase); pick one.");
        return Add(new BackfillOperation(table, set, schema ?? DefaultSchema)
        {
            Where = where,
            Strategy = strategy,
            ReverseSet = reverseSet,
            KeyColumns = (keyColumns ?? []).ToValueList(),
            Batching = batching ?? Batching(batchSize, targetBatchDuration),
            Atomic = atomic,
        });
    }

    /// <summary>
    /// Reads rows from a table or a query as <typeparamref name="TIn"/> objects (mapped by Dapper), transforms each
    /// in C#, and writes the results to <paramref name="targetTable"/> in batches (PostgreSQL: binary COPY; SQLite:
    /// prepared inserts), one transaction and one checkpoint per batch. Memory holds one batch at a time.
    /// </summary>
    /// <param name="source">A table name (batched by its primary key) or a query starting with SELECT or WITH (batched by <paramref name="keyColumns"/>).</param>
    /// <param name="targetTable">The table written; the columns are <typeparamref name="TOut"/>'s properties in snake_case, or their <c>[Column]</c> names.</param>
    /// <param name="transform">The transformation; returning null skips the row.</param>
    /// <param name="keyColumns">Unique, not-null columns of the source to batch by (required for a query).</param>
    /// <param name="description">What the step does, for progress and logs.</param>
    /// <param name="batchSize">Rows per batch to start with.</param>
    /// <param name="targetBatchDuration">Duration a batch should take; the batch size adapts toward it (default 200 ms).</param>
    /// <param name="batching">All batching and throttling settings; overrides <paramref name="batchSize"/> and <paramref name="targetBatchDuration"/>.
    /// With none of the three (or <paramref name="batchSize"/> left at 1,000), the step runs with the runner's default,
    /// <see cref="Runner.MigratorOptions.Batching"/>.</param>
    /// <param name="schema">Schema of the source table and the target table.</param>
    /// <param name="atomic">Run the whole step inside the revision's transaction: all or nothing, no partly applied state
    /// (see <see cref="DataOperation.Atomic"/>). For small sources.</param>
    [RequiresDynamicCode(TransformOperation.RequiresDynamicCodeMessage)]
    public TransformOperation<TIn, TOut> Transform<[DynamicallyAccessedMembers(TransformOperation.InputMembers)] TIn,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOut>(string source, string targetTable, Func<TIn, TOut?> transform,
        string[]? keyColumns = null, string? description = null, int batchSize = 1000, TimeSpan? targetBatchDuration = null,
        BatchOptions? batching = null, string? schema = null, bool atomic = false) where TOut : class
    {
        var isQuery = IsQuery(source);
        return Add(new TransformOperation<TIn, TOut>(description ?? $"{(isQuery ? "query" : source)} into {targetTable}", targetTable, transform)
        {
            SourceTable = isQuery ? null : source,
            SourceQuery = isQuery ? source.Trim() : null,
            KeyColumns = (keyColumns ?? []).ToValueList(),
            Schema = schema ?? DefaultSchema,
            Batching = batching ?? Batching(batchSize, targetBatchDuration),
            Atomic = atomic,
        });
    }

    // Null when neither is given: the step then runs with the runner's default batching (MigratorOptions.Batching).
    private static BatchOptions? Batching(int batchSize, TimeSpan? targetBatchDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (batchSize == BatchOptions.Default.BatchSize && targetBatchDuration is null) return null;
        return BatchOptions.Default with
        {
            BatchSize = batchSize,
            TargetBatchDuration = targetBatchDuration ?? BatchOptions.Default.TargetBatchDuration,
        };
    }

    // Read with the SQL lexer: a comment before the query does not make it a table name.
    private static bool IsQuery(string source)
    {
        foreach (var token in SqlLexer.Tokenize(source).SkipTrivia())
            if (!token.IsSymbol('(')) return token.Is("SELECT") || token.Is("WITH");
        return false;
    }
}
