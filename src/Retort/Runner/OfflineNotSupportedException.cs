namespace Retort.Runner;

/// <summary>
/// An offline script was asked for a revision it cannot render faithfully: its plan holds a C# code step, or a change
/// the script cannot write without reading the database (a dialect says why).
/// </summary>
public sealed class OfflineNotSupportedException : RetortException
{
    /// <summary>The error for a revision whose plan holds the C# step <paramref name="step"/>.</summary>
    public OfflineNotSupportedException(string? revisionId, string step)
        : this(revisionId, step, $"it runs the C# step '{step}', which needs a live database connection. " +
            "Run this revision online, or render the script only up to the revision before it.") { }

    /// <summary>
    /// The error for <paramref name="step"/> with the <paramref name="reason"/> it cannot be rendered (a sentence that starts
    /// with "it" and says what to do instead). Dialects pass a null <paramref name="revisionId"/>; the runner fills it in.
    /// </summary>
    public OfflineNotSupportedException(string? revisionId, string step, string reason)
        : base($"Revision {revisionId ?? "(none)"} cannot be rendered as SQL: {reason}")
    {
        RevisionId = revisionId;
        Step = step;
        Reason = reason;
    }

    /// <summary>The revision holding the step.</summary>
    public string? RevisionId { get; }

    /// <summary>The step that cannot be rendered.</summary>
    public string Step { get; }

    /// <summary>Why, and what to do instead.</summary>
    public string Reason { get; }
}
