namespace Retort.Commands;

/// <summary>
/// A check that ran and found the database wrong (drift), as opposed to one that could not check (any other error):
/// the message lists every problem, <see cref="Problems"/> holds them one by one.
/// </summary>
public sealed class CheckFailedException(string database, IReadOnlyList<CheckProblem> problems)
    : RetortException(string.Join("\n", problems.Select(p => p.Message)))
{
    /// <summary>The database's display name (never with a password).</summary>
    public string Database { get; } = database;

    /// <summary>The problems found, in the order the check found them.</summary>
    public IReadOnlyList<CheckProblem> Problems { get; } = problems;
}
