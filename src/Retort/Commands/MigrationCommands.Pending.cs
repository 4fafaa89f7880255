using Retort.Revisions;

namespace Retort.Commands;

public sealed partial class MigrationCommands
{
    /// <summary>
    /// The revisions an upgrade to <paramref name="target"/> would apply now, in order; empty when the database is up to
    /// date. A SQLite file that does not exist is reported at base and is not created.
    /// </summary>
    /// <exception cref="RetortException">The database cannot be reached, the target is unknown, or the version table names an unknown revision.</exception>
    public async Task<IReadOnlyList<RevisionInfo>> GetPendingAsync(string target = "head", CancellationToken cancellationToken = default)
    {
        await using var database = OpenDatabase();
        var migrator = await CreateMigratorAsync(database, cancellationToken: cancellationToken);
        if (database.OpeningCreatesDatabase) return migrator.Revisions.Graph.UpgradePath([], target);
        return await migrator.GetPendingAsync(target, cancellationToken);
    }
}
