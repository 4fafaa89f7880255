namespace Retort.Runner;

/// <summary>
/// The version table contradicts the history table or the revision graph: it is missing or empty while the history
/// records applied revisions, or it holds a revision together with one of its own descendants. Retort refuses to
/// upgrade or downgrade from it; <see cref="RepairCommand"/> sets it right (<see cref="Migrator.StampAsync(IReadOnlyList{string}, bool, CancellationToken)"/>).
/// </summary>
public sealed class VersionTableMismatchException(string message, IReadOnlyList<string> versionTable, IReadOnlyList<string> history, string repairCommand)
    : RetortException(message)
{
    /// <summary>The ids in the version table.</summary>
    public IReadOnlyList<string> VersionTable { get; } = versionTable;

    /// <summary>The heads the history table leads to.</summary>
    public IReadOnlyList<string> History { get; } = history;

    /// <summary>The command that sets the version table to what the history records, for example <c>retort stamp ae10</c>.</summary>
    public string RepairCommand { get; } = repairCommand;
}
