using Retort.Specification.Support;
using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Sqlite.Tests.Support;

public static class Rev
{
    /// <summary>A linear chain of revisions r1, r2, … each built from one lambda.</summary>
    public static RevisionSet Chain(params Action<Op>[] upgrades) =>
        new(upgrades.Select((u, i) => new Revision(
            RevisionInfo.Create($"r{i + 1}", i == 0 ? null : $"r{i}", $"step {i + 1}"), new InlineScript(u))));

    public static Revision Of(string id, string? down, Action<Op> up, Action<Op>? downgrade = null) =>
        new(RevisionInfo.Create(id, down, id), new InlineScript(up, downgrade));
}
