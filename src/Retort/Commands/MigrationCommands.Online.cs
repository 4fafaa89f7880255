using Retort.Runner;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// Runs the contract phase of revisions whose online operations are expanded and waiting (see
    /// <see cref="Migrator.CompleteAsync"/>): run it once no application uses the old version.
    /// </summary>
    /// <param name="revision">The revision (id, prefix or label); null completes every revision waiting.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="RetortException">Nothing to complete (none waits, or the database runs online operations in one step), an unknown revision, or a failure (rolled back).</exception>
    public async Task<OnlinePhaseResult> CompleteAsync(string? revision = null, CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        var runs = await migrator.CompleteAsync(revision, cancellationToken);
        if (Config.AfterChange is { } after) await after(database, cancellationToken);
        return new OnlinePhaseResult("complete", runs, await migrator.GetCurrentAsync(cancellationToken), await migrator.GetWaitingAsync(cancellationToken), migrator.Revisions);
    }

    /// <summary>
    /// Undoes the expand phase of a revision, finished or stopped part way (see <see cref="Migrator.AbortAsync"/>); the
    /// database goes back to the revision's parent with everything either version wrote.
    /// </summary>
    /// <param name="revision">The revision (id, prefix or label); null aborts the only expand there is.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="RetortException">Nothing to abort, several candidates, an unknown revision, or a failure (rolled back).</exception>
    public async Task<OnlinePhaseResult> AbortAsync(string? revision = null, CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        var run = await migrator.AbortAsync(revision, cancellationToken);
        if (Config.AfterChange is { } after) await after(database, cancellationToken);
        return new OnlinePhaseResult("abort", [run], await migrator.GetCurrentAsync(cancellationToken), await migrator.GetWaitingAsync(cancellationToken), migrator.Revisions);
    }
}
