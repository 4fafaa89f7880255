namespace Retort.Runner;

/// <summary>An offline script was asked for a revision whose plan holds a C# code step.</summary>
public sealed class OfflineNotSupportedException(string? revisionId, string step) : RetortException(
    $"Revision {revisionId ?? "(none)"} cannot be rendered as SQL: it runs the C# step '{step}', which needs a live database connection. " +
    "Run this revision online, or render the script only up to the revision before it.")
{
    /// <summary>The revision holding the code step.</summary>
    public string? RevisionId { get; } = revisionId;
}
