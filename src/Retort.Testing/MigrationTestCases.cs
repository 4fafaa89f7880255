using Retort.Migrations;

namespace Retort.Testing;

/// <summary>Test-case data for any test framework (xUnit <c>MemberData</c>, NUnit <c>TestCaseSource</c>, …).</summary>
public static class MigrationTestCases
{
    /// <summary>One case per revision id, in graph order (parents first).</summary>
    public static IEnumerable<object[]> Revisions(RevisionSet revisions) =>
        revisions.Graph.All.Select(r => new object[] { r.Id });
}
