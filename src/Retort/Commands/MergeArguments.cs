using Retort.Environments;

namespace Retort.Commands;

/// <summary>What <see cref="MigrationCommands.MergeAsync"/> writes.</summary>
public sealed record MergeArguments
{
    /// <summary>The revisions to join: <c>heads</c>, or two or more ids or labels.</summary>
    public required IReadOnlyList<string> Revisions { get; init; }

    /// <summary>The merge revision's message.</summary>
    public required string Message { get; init; }

    /// <summary>The id; a fresh one when null.</summary>
    public string? RevisionId { get; init; }

    /// <summary>Branch labels of the merge revision.</summary>
    public IReadOnlyList<string> BranchLabels { get; init; } = [];

    /// <summary>The file's language; null for the environment's.</summary>
    public RevisionFormat? Format { get; init; }
}
