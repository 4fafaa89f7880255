using Retort.Operations;
using Retort.Revisions;

namespace Retort.Runner.Linting;

/// <summary>One pending revision as the linter reads it: its upgrade plan and where it is written.</summary>
/// <param name="Info">The revision.</param>
/// <param name="Source">Where it is defined (a C# class or a file), for messages.</param>
/// <param name="Plan">Its upgrade plan.</param>
public sealed record LintRevision(RevisionInfo Info, string Source, IReadOnlyList<MigrationOperation> Plan)
{
    /// <summary>The file it is written in, when known (a <c>.sql</c> file, or a C# class's source file), for SARIF locations.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The text of a <c>.sql</c> revision file, to give each statement's line and read allowances written after a statement on its line.</summary>
    public string? SourceText { get; init; }
}
