using Retort.Revisions;

namespace Retort.Runner;

public sealed partial class Migrator
{
    /// <summary>
    /// The revisions an upgrade to <paramref name="target"/> would apply now, in the order it would apply them; empty
    /// when the database is up to date. Reads the version table only (no lock, nothing written).
    /// </summary>
    /// <exception cref="UnknownAppliedRevisionException">The version table names a revision no script defines.</exception>
    public async Task<IReadOnlyList<RevisionInfo>> GetPendingAsync(string target = "head", CancellationToken cancellationToken = default)
    {
        var heads = await GetCurrentHeadIdsAsync(cancellationToken);
        CheckKnown(heads);
        return Graph.UpgradePath(heads, target);
    }
}
