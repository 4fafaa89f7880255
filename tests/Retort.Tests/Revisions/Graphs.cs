using Retort.Revisions;

namespace Retort.Tests.Revisions;

/// <summary>Small revision histories shared by the revision graph tests.</summary>
internal static class Graphs
{
    public static RevisionInfo Rev(string id, params string[] down) => new(id, down, [], [], "");

    public static RevisionInfo Labelled(string id, string? down, params string[] labels) =>
        new(id, down is null ? [] : [down], labels, [], "");

    public static RevisionInfo Depending(string id, string? down, params string[] dependsOn) =>
        new(id, down is null ? [] : [down], [], dependsOn, "");

    public static string[] Ids(IEnumerable<RevisionInfo> revisions) => revisions.Select(r => r.Id).ToArray();

    public static string[] Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToArray();

    /// <summary>a1 &lt;- a2 &lt;- a3.</summary>
    public static RevisionGraph Linear() => RevisionGraph.Build([Rev("a1"), Rev("a2", "a1"), Rev("a3", "a2")]);

    /// <summary>a1, then branch b (b1 &lt;- b2, label "b" on b1) and branch c (c1 &lt;- c2, label "c" on c1).</summary>
    public static RevisionGraph Branched() => RevisionGraph.Build(BranchedRevisions());

    public static List<RevisionInfo> BranchedRevisions() =>
    [
        Rev("a1"),
        Labelled("b1", "a1", "b"), Rev("b2", "b1"),
        Labelled("c1", "a1", "c"), Rev("c2", "c1"),
    ];

    /// <summary><see cref="Branched"/> plus m1 merging b2 and c2, and m2 after it.</summary>
    public static RevisionGraph Merged() =>
        RevisionGraph.Build([.. BranchedRevisions(), Rev("m1", "b2", "c2"), Rev("m2", "m1")]);

    /// <summary>
    /// Two independent histories: a1 &lt;- a2 &lt;- a3, and x1 &lt;- x2 (label "x" on x1). a2 depends on x1 (by label).
    /// </summary>
    public static RevisionGraph WithDependency() => RevisionGraph.Build(
    [
        Rev("a1"), Depending("a2", "a1", "x"), Rev("a3", "a2"),
        Labelled("x1", null, "x"), Rev("x2", "x1"),
    ]);
}
