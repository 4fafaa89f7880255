using Retort.Revisions;
using static Retort.Tests.Revisions.Graphs;

namespace Retort.Tests.Revisions;

public class RevisionGraphQueryTests
{
    [Fact]
    public void Linear_history_is_ordered_base_first()
    {
        var graph = Linear();

        Assert.Equal(["a1", "a2", "a3"], Ids(graph.All));
        Assert.Equal(["a3"], Ids(graph.Heads));
        Assert.Equal(["a1"], Ids(graph.Bases));
        Assert.Empty(graph.BranchPoints);
        Assert.Empty(graph.MergePoints);
    }

    [Fact]
    public void Order_does_not_depend_on_input_order()
    {
        var forward = RevisionGraph.Build(BranchedRevisions());
        var reversed = RevisionGraph.Build(Enumerable.Reverse(BranchedRevisions()));

        Assert.Equal(["a1", "b1", "b2", "c1", "c2"], Ids(forward.All));
        Assert.Equal(Ids(forward.All), Ids(reversed.All));
    }

    [Fact]
    public void Every_revision_comes_after_its_parents_and_dependencies()
    {
        // Ids chosen so that ordinal order alone would be wrong.
        var graph = RevisionGraph.Build([Rev("z1"), Rev("y2", "z1"), Depending("a3", "y2", "q1"), Rev("q1", "z1")]);

        Assert.Equal(["z1", "q1", "y2", "a3"], Ids(graph.All));
    }

    [Fact]
    public void Branches_give_two_heads_and_a_branch_point()
    {
        var graph = Branched();

        Assert.Equal(["b2", "c2"], Ids(graph.Heads));
        Assert.Equal(["a1"], Ids(graph.BranchPoints));
        Assert.Empty(graph.MergePoints);
    }

    [Fact]
    public void Merge_joins_heads()
    {
        var graph = Merged();

        Assert.Equal(["m2"], Ids(graph.Heads));
        Assert.Equal(["m1"], Ids(graph.MergePoints));
        Assert.True(graph.Get("m1").IsMerge);
        Assert.Equal(["a1", "b1", "b2", "c1", "c2", "m1", "m2"], Ids(graph.All));
    }

    [Fact]
    public void Revision_only_depended_upon_is_still_a_head()
    {
        var graph = WithDependency();

        Assert.Equal(["a3", "x2"], Ids(graph.Heads));
        Assert.Equal(["a1", "x1"], Ids(graph.Bases));
    }

    [Fact]
    public void Get_and_TryGet_use_exact_ids()
    {
        var graph = Linear();

        Assert.Equal("a2", graph.Get("a2").Id);
        Assert.True(graph.TryGet("a3", out var found));
        Assert.Equal("a3", found.Id);
        Assert.False(graph.TryGet("a", out _));
        var error = Assert.Throws<UnknownRevisionException>(() => graph.Get("a"));
        Assert.Equal("a", error.Identifier);
    }

    [Fact]
    public void Children_follow_down_revisions_only()
    {
        var graph = WithDependency();

        Assert.Equal(["b1", "c1"], Ids(Branched().Children("a1")));
        Assert.Equal(["x2"], Ids(graph.Children("x1")));
        Assert.Empty(graph.Children("a3"));
    }

    [Fact]
    public void Ancestors_include_dependencies_transitively()
    {
        var graph = WithDependency();

        Assert.Equal(["a1", "x1", "a2"], Ids(graph.Ancestors("a3")));
        Assert.Empty(graph.Ancestors("a1"));
    }

    [Fact]
    public void Ancestors_of_a_merge_cover_both_branches()
    {
        Assert.Equal(["a1", "b1", "b2", "c1", "c2"], Ids(Merged().Ancestors("m1")));
    }

    [Fact]
    public void IsAncestorOrSelf_agrees_with_Ancestors_through_merges_and_dependencies()
    {
        foreach (var graph in new[] { WithDependency(), Merged(), Linear() })
            foreach (var of in graph.All)
                foreach (var candidate in graph.All)
                    Assert.Equal(candidate.Id == of.Id || graph.Ancestors(of.Id).Any(a => a.Id == candidate.Id),
                        graph.IsAncestorOrSelf(candidate.Id, of.Id));
        Assert.True(WithDependency().IsAncestorOrSelf("x1", "a3"));
        Assert.False(WithDependency().IsAncestorOrSelf("a3", "x1"));
        Assert.Throws<UnknownRevisionException>(() => Linear().IsAncestorOrSelf("zz", "a1"));
    }

    [Fact]
    public void Descendants_include_dependents_transitively()
    {
        var graph = WithDependency();

        Assert.Equal(["a2", "a3", "x2"], Ids(graph.Descendants("x1")));
        Assert.Equal(["b2", "m1", "m2"], Ids(Merged().Descendants("b1")));
    }

    [Fact]
    public void Queries_on_unknown_ids_throw()
    {
        var graph = Linear();

        Assert.Throws<UnknownRevisionException>(() => graph.Children("zz"));
        Assert.Throws<UnknownRevisionException>(() => graph.Ancestors("zz"));
        Assert.Throws<UnknownRevisionException>(() => graph.Descendants("zz"));
    }

    [Fact]
    public void Resolve_prefers_exact_id_then_label_then_prefix()
    {
        // "ab" is an exact id, a label of c1 and a prefix of abc9.
        var graph = RevisionGraph.Build([Rev("ab"), Rev("abc9", "ab"), Labelled("c1", "abc9", "lbl"), Rev("d1", "c1")]);

        Assert.Equal("ab", graph.Resolve("ab").Id);
        Assert.Equal("c1", graph.Resolve("lbl").Id);
        Assert.Equal("abc9", graph.Resolve("abc").Id);
        Assert.Equal("d1", graph.Resolve("d").Id);
    }

    [Fact]
    public void Resolve_label_wins_over_prefix()
    {
        var graph = RevisionGraph.Build([Rev("feature1"), Labelled("x1", "feature1", "feat")]);

        Assert.Equal("x1", graph.Resolve("feat").Id);
        Assert.Equal("feature1", graph.Resolve("featu").Id);
    }

    [Fact]
    public void Ambiguous_prefix_lists_the_candidates()
    {
        var graph = RevisionGraph.Build([Rev("ab12"), Rev("ab34", "ab12"), Rev("cd56", "ab34")]);

        var error = Assert.Throws<AmbiguousRevisionException>(() => graph.Resolve("ab"));

        Assert.Equal("ab", error.Prefix);
        Assert.Equal(["ab12", "ab34"], error.Candidates);
        Assert.Contains("ab12, ab34", error.Message);
        Assert.Contains("more characters", error.Message);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("")]
    [InlineData("a1x")]
    public void Unknown_revision_says_what_was_looked_for(string text)
    {
        var error = Assert.Throws<UnknownRevisionException>(() => Linear().Resolve(text));

        Assert.Equal(text, error.Identifier);
        Assert.Contains($"'{text}'", error.Message);
    }
}
