using Retort.Dialects;
using Retort.Operations;

using Retort.Runner.Transactions;

namespace Retort.Runner;

/// <summary>Compiles a plan group by group and sends every step through the executor.</summary>
internal static class PlanRunner
{
    /// <summary>Emits a plan; the caller owns the transaction.</summary>
    public static async Task EmitAsync(MigrationExecutor executor, Dialect dialect, IReadOnlyList<MigrationOperation> plan, CancellationToken cancellationToken)
    {
        // An offline script shows the transactions a run commits: a recipe step that runs in a transaction of its own
        // starts one, and what follows it starts the next. (Online, such a revision runs phase by phase.)
        var (emitted, afterOwnTransaction) = (false, false);
        foreach (var group in dialect.Generator.GroupOperations(plan))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ownTransaction = group is [RecipeStep { Run: RecipeStepRun.OwnTransaction }];
            var outside = group is [RecipeStep { Run: RecipeStepRun.OutsideTransaction }];
            if (executor.IsOffline && (ownTransaction || afterOwnTransaction) && !outside)
            {
                if (emitted) await NewTransactionAsync();
                if (ownTransaction) executor.Comment($"In a transaction of its own: {group[0].Describe()}");
            }
            (emitted, afterOwnTransaction) = (!outside, ownTransaction);
            // Compile each group only after the previous one ran: online, reflection then sees its effects.
            var steps = await dialect.Generator.CompileAsync(group, executor.Schema, cancellationToken);
            foreach (var step in steps)
            {
                switch (step)
                {
                    case MigrationStep.Sql s: await executor.ExecuteAsync(s.Statement, cancellationToken); break;
                    case MigrationStep.Code c: await executor.RunCodeAsync(c.Operation, cancellationToken); break;
                    case MigrationStep.Data d: await executor.RunDataStepAsync(d.Operation, cancellationToken); break;
                }
            }
            executor.AfterOperations(group);
        }
        if (executor.IsOffline && afterOwnTransaction) await NewTransactionAsync();

        async Task NewTransactionAsync()
        {
            if (!executor.InTransaction) return;
            await executor.CommitAsync(cancellationToken);
            await executor.BeginAsync(cancellationToken);
        }
    }

    /// <summary>Runs a plan in its own transaction with the dialect's before/after statements; rolls back on failure.</summary>
    public static Task RunInTransactionAsync(MigrationExecutor executor, Dialect dialect, IReadOnlyList<MigrationOperation> plan, CancellationToken cancellationToken) =>
        TransactionProtocol.RunAsync(executor, dialect.Transactions, plan, async () =>
        {
            await EmitAsync(executor, dialect, plan, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs the plan <paramref name="decide"/> returns once the transaction has begun (on SQLite: holds the write
    /// lock), so two runs that check for and create the same object at the same moment cannot both create it. For
    /// plans that need no statements around the transaction, such as creating Retort's own tables.
    /// </summary>
    public static Task RunDecidedInTransactionAsync(MigrationExecutor executor, Dialect dialect, Func<Task<IReadOnlyList<MigrationOperation>>> decide, CancellationToken cancellationToken) =>
        TransactionProtocol.RunAsync(executor, dialect.Transactions, [], async () =>
        {
            await EmitAsync(executor, dialect, await decide(), cancellationToken);
            return true;
        }, cancellationToken);
}
