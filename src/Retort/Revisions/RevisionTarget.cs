namespace Retort.Revisions;

/// <summary>
/// A resolved upgrade or downgrade target: the revisions the database should be at afterwards. An empty set means
/// <c>base</c> (nothing applied).
/// </summary>
public sealed class RevisionTarget
{
    /// <summary>Creates a target.</summary>
    /// <param name="text">The target as the user wrote it.</param>
    /// <param name="revisions">Revision ids the target stands for; empty for base.</param>
    /// <param name="lineage">
    /// When not null, a downgrade only removes revisions on this revision's line of descent (its ancestors and
    /// descendants), leaving other branches alone.
    /// </param>
    public RevisionTarget(string text, IEnumerable<string> revisions, string? lineage = null)
    {
        Text = text;
        // Sorted and distinct so that equal targets compare and print the same way.
        Revisions = revisions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Lineage = lineage;
    }

    /// <summary>The target as the user wrote it, for messages.</summary>
    public string Text { get; }

    /// <summary>The revision ids the target stands for, distinct and in ordinal order; empty for base.</summary>
    public IReadOnlyList<string> Revisions { get; }

    /// <summary>
    /// When not null, the id of the revision whose line of descent (ancestors and descendants) confines a downgrade;
    /// set by branch-qualified targets such as <c>label@-1</c> and by relative targets.
    /// </summary>
    public string? Lineage { get; }

    /// <summary>True when the target is base (no revision).</summary>
    public bool IsBase => Revisions.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsBase ? "base" : string.Join(", ", Revisions);
}
