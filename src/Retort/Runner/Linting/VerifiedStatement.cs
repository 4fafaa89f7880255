using Retort.Lint;

namespace Retort.Runner.Linting;

/// <summary>One statement of the plan as it ran on the shadow database.</summary>
/// <param name="Revision">The revision whose plan holds it.</param>
/// <param name="OperationIndex">The operation's position in the revision's upgrade plan, from 0.</param>
/// <param name="Operation">The operation, described.</param>
/// <param name="Sql">The statement as sent.</param>
public sealed record VerifiedStatement(string Revision, int OperationIndex, string Operation, string Sql)
{
    /// <summary>What the server reported, or null when the statement did not run (it failed, or it is a C# step that is not run on a shadow).</summary>
    public ObservedStatement? Observed { get; init; }

    /// <summary>The rules' claims about this statement beside what the server did.</summary>
    public IReadOnlyList<VerifiedClaim> Claims { get; init; } = [];

    /// <summary>Why the statement was not run (a C# code or data step), or null.</summary>
    public string? Skipped { get; init; }

    /// <summary>The server's error when the statement failed on the shadow, or null.</summary>
    public string? Error { get; init; }
}
