namespace Retort.PostgreSql.Lint;

/// <summary>PostgreSQL's table lock modes as <c>pg_locks.mode</c> names them, weakest first.</summary>
public static class LockModes
{
    /// <summary>The modes, weakest first.</summary>
    public static IReadOnlyList<string> Ordered { get; } =
    [
        "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
        "ExclusiveLock", "AccessExclusiveLock",
    ];

    /// <summary>How strong a mode is (0 for the weakest, -1 for a name that is not a table lock mode).</summary>
    public static int Strength(string mode)
    {
        for (var i = 0; i < Ordered.Count; i++)
            if (string.Equals(Ordered[i], mode, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>The strongest of <paramref name="modes"/>, or null when there is none.</summary>
    public static string? Strongest(IEnumerable<string> modes) => modes.Where(m => Strength(m) >= 0).OrderByDescending(Strength).FirstOrDefault();
}
