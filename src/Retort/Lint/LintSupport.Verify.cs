namespace Retort.Lint;

public partial class LintSupport
{
    /// <summary>
    /// True when this dialect can run a plan on a shadow database and observe each statement's locks and rewrites
    /// (<c>retort lint --verify</c>). The base cannot.
    /// </summary>
    public virtual bool CanVerify => false;

    /// <summary>
    /// Runs <paramref name="sql"/> (one statement) on the database <paramref name="connectionString"/> names, keeps
    /// its effect, and reports the locks it took and the relations it rewrote. Only ever called on a shadow database.
    /// </summary>
    /// <exception cref="NotSupportedException">The dialect cannot verify (<see cref="CanVerify"/> is false).</exception>
    public virtual Task<ObservedStatement> ObserveAsync(string connectionString, string sql, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This dialect cannot observe statements.");

    /// <summary>
    /// Why <paramref name="observed"/> disagrees with what <paramref name="rule"/> claims about <paramref name="relation"/>
    /// (its lock, rewrite and scan), as a sentence; null when it agrees or the rule claims no lock.
    /// </summary>
    public virtual string? Disagreement(LintRule rule, string relation, ObservedRelation? observed, Version serverVersion) => null;

    /// <summary>
    /// True when the two connection strings reach the same database (asked of the servers, so host aliases do not
    /// hide it): <c>--shadow-url</c> must never name the target. The base compares the strings.
    /// </summary>
    public virtual Task<bool> SameDatabaseAsync(string connectionString, string otherConnectionString, CancellationToken cancellationToken = default) =>
        Task.FromResult(string.Equals(connectionString, otherConnectionString, StringComparison.Ordinal));
}
