using Retort.Dialects;
using Retort.Operations;

namespace Retort.Runner.Transactions;

/// <summary>
/// The transaction protocol, written once: the dialect's statements before the transaction, begin, the work, the
/// dialect's checks before commit, commit (or roll back when the work says so or fails), and the dialect's statements
/// after the transaction, whatever happened. Every strategy and every transaction Retort opens for itself uses it.
/// </summary>
internal static class TransactionProtocol
{
    /// <summary>Passes a step through unchanged (no error mapping).</summary>
    public static readonly Func<Func<Task>, Task> Unguarded = step => step();

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction around <paramref name="operations"/> (whose statements before,
    /// before commit and after the transaction the policy gives). The work returns false to roll back instead of
    /// committing. <paramref name="guardChecks"/> and <paramref name="guardCommit"/> wrap the checks and the commit (to
    /// name the revision in an error). Returns whether the transaction committed.
    /// </summary>
    public static async Task<bool> RunAsync(MigrationExecutor executor, TransactionPolicy policy, IReadOnlyList<MigrationOperation> operations,
        Func<Task<bool>> work, CancellationToken cancellationToken, Func<Func<Task>, Task>? guardChecks = null, Func<Func<Task>, Task>? guardCommit = null)
    {
        foreach (var s in policy.BeforeTransaction(operations)) await executor.ExecuteAsync(s, cancellationToken);
        try
        {
            await executor.BeginAsync(cancellationToken);
            if (!await work())
            {
                await executor.RollbackAsync(CancellationToken.None);
                return false;
            }
            foreach (var s in policy.BeforeCommit(operations)) await (guardChecks ?? Unguarded)(() => executor.ExecuteAsync(s, cancellationToken));
            await (guardCommit ?? Unguarded)(() => executor.CommitAsync(cancellationToken));
            return true;
        }
        catch
        {
            await executor.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            foreach (var s in policy.AfterTransaction(operations)) await executor.ExecuteAsync(s, CancellationToken.None);
        }
    }
}
