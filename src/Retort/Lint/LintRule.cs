namespace Retort.Lint;

/// <summary>
/// One rule of the catalogue (<c>RT001</c>…): what it finds, what the database does when the statement runs (which
/// lock, on what, whether it rewrites or scans the table), why that hurts, and the safe way to do the same. The
/// documentation and <c>retort lint --verify</c> are built from these fields, so they must be true of the server.
/// </summary>
/// <param name="Id">The rule's id, <c>RT</c> and three digits; never reused.</param>
/// <param name="Title">A short name, for example <c>index built without CONCURRENTLY</c>.</param>
/// <param name="Severity">The severity of its findings on a table that holds rows.</param>
public sealed record LintRule(string Id, string Title, LintSeverity Severity)
{
    /// <summary>The dialect the rule is about (<c>postgresql</c>, <c>sqlite</c>), or null for every dialect.</summary>
    public string? Dialect { get; init; }

    /// <summary>
    /// The strongest lock the statement takes, named as the database names it (PostgreSQL: the <c>pg_locks.mode</c>
    /// name, for example <c>AccessExclusiveLock</c>), or null when the rule is not about a lock.
    /// </summary>
    public string? Lock { get; init; }

    /// <summary>What the lock is taken on, in words (<c>the table</c>, <c>the table and the referenced table</c>).</summary>
    public string? LockTarget { get; init; }

    /// <summary>True when the statement rewrites the whole table (a new relation file), holding its lock all along.</summary>
    public bool Rewrites { get; init; }

    /// <summary>True when the statement reads every row of the table while holding its lock.</summary>
    public bool Scans { get; init; }

    /// <summary>Why it hurts, in one or two sentences.</summary>
    public string Why { get; init; } = "";

    /// <summary>The safe alternative, in one or two sentences.</summary>
    public string SafeAlternative { get; init; } = "";

    /// <summary>The safe alternative as code (C# or SQL), for the documentation.</summary>
    public string? SafeExample { get; init; }

    /// <summary>
    /// A statement the rule finds and the setup it needs, run on a real server to check <see cref="Lock"/> and
    /// <see cref="Rewrites"/> (<c>retort lint --verify</c> and the rule tests); null for rules that are not about what
    /// the server does (a naming or compatibility rule).
    /// </summary>
    public LintExample? Example { get; init; }

    /// <summary>
    /// Why the rule claims no lock (<see cref="Lock"/> is null): for example a compatibility rule whose statement takes
    /// only a brief lock, or a statement the server refuses. Null for a rule with a lock claim.
    /// </summary>
    public string? NoLockReason { get; init; }

    /// <summary>
    /// The first server version on which the hazard is gone (for example 11 for a default that no longer rewrites the
    /// table), or null when it holds on every version. The rule finds nothing on a server known to be this new, and
    /// a check against a newer server expects the hazard (rewrite or scan) to be absent.
    /// </summary>
    public Version? GoneInVersion { get; init; }
}
