using Retort.Revisions;
using static Retort.Tests.Revisions.Graphs;

namespace Retort.Tests.Revisions;

public class RevisionGraphBuildTests
{
    [Fact]
    public void Empty_graph_has_no_revisions_heads_or_bases()
    {
        var graph = RevisionGraph.Build([]);

        Assert.Empty(graph.All);
        Assert.Empty(graph.Heads);
        Assert.Empty(graph.Bases);
    }

    [Fact]
    public void Errors_derive_from_retort_exception()
    {
        var error = Assert.Throws<DuplicateRevisionException>(() => RevisionGraph.Build([Rev("a1"), Rev("a1")]));

        Assert.IsAssignableFrom<RevisionGraphException>(error);
        Assert.IsAssignableFrom<RetortException>(error);
    }

    [Fact]
    public void Duplicate_id_is_named()
    {
        var error = Assert.Throws<DuplicateRevisionException>(() =>
            RevisionGraph.Build([Rev("a1"), Rev("b2", "a1"), Rev("b2", "a1")]));

        Assert.Equal("b2", error.RevisionId);
        Assert.Contains("'b2'", error.Message);
        Assert.Contains("unique", error.Message);
    }

    [Fact]
    public void Missing_down_revision_names_both_revisions()
    {
        var error = Assert.Throws<MissingRevisionException>(() => RevisionGraph.Build([Rev("a1"), Rev("b2", "zz")]));

        Assert.Equal("b2", error.RevisionId);
        Assert.Equal("zz", error.MissingId);
        Assert.False(error.IsDependency);
        Assert.Contains("'b2'", error.Message);
        Assert.Contains("'zz'", error.Message);
        Assert.Contains("down revision", error.Message);
    }

    [Fact]
    public void Missing_dependency_names_both_revisions()
    {
        var error = Assert.Throws<MissingRevisionException>(() =>
            RevisionGraph.Build([Rev("a1"), Depending("a2", "a1", "nope")]));

        Assert.Equal("a2", error.RevisionId);
        Assert.Equal("nope", error.MissingId);
        Assert.True(error.IsDependency);
        Assert.Contains("depends on 'nope'", error.Message);
    }

    [Fact]
    public void Dependency_may_not_be_a_prefix()
    {
        Assert.Throws<MissingRevisionException>(() =>
            RevisionGraph.Build([Rev("abc1"), Depending("d1", null, "abc")]));
    }

    [Fact]
    public void Self_reference_is_a_cycle()
    {
        var error = Assert.Throws<CycleException>(() => RevisionGraph.Build([Rev("a1", "a1")]));

        Assert.Equal(["a1"], error.Cycle);
    }

    [Fact]
    public void Cycle_through_down_revisions_names_its_members_only()
    {
        var error = Assert.Throws<CycleException>(() =>
            RevisionGraph.Build([Rev("a0"), Rev("a1", "a3"), Rev("a2", "a1"), Rev("a3", "a2"), Rev("z9", "a3")]));

        Assert.Equal(["a1", "a3", "a2"], error.Cycle);
        Assert.Contains("a1 -> a3 -> a2 -> a1", error.Message);
        Assert.DoesNotContain("z9", error.Message);
        Assert.DoesNotContain("a0", error.Message);
    }

    [Fact]
    public void Cycle_through_depends_on_is_detected()
    {
        var error = Assert.Throws<CycleException>(() =>
            RevisionGraph.Build([Depending("a1", null, "b1"), Depending("b1", null, "a1")]));

        Assert.Equal(["a1", "b1"], error.Cycle);
    }

    [Fact]
    public void Duplicate_branch_label_names_both_revisions()
    {
        var error = Assert.Throws<DuplicateBranchLabelException>(() =>
            RevisionGraph.Build([Labelled("a1", null, "main"), Labelled("b1", null, "main")]));

        Assert.Equal("main", error.Label);
        Assert.Equal("a1", error.ExistingRevisionId);
        Assert.Equal("b1", error.RevisionId);
        Assert.Contains("'a1'", error.Message);
        Assert.Contains("'b1'", error.Message);
    }

    [Fact]
    public void Branch_label_equal_to_a_revision_id_is_rejected()
    {
        var error = Assert.Throws<DuplicateBranchLabelException>(() =>
            RevisionGraph.Build([Rev("a1"), Labelled("b1", "a1", "a1")]));

        Assert.Contains("same as the id", error.Message);
    }

    [Fact]
    public void Same_label_listed_twice_on_one_revision_is_harmless()
    {
        var graph = RevisionGraph.Build([Labelled("a1", null, "main", "main")]);

        Assert.Equal("a1", graph.Resolve("main").Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("head")]
    [InlineData("heads")]
    [InlineData("base")]
    [InlineData("a@1")]
    public void Invalid_revision_ids_are_rejected(string id)
    {
        var error = Assert.Throws<RevisionGraphException>(() => RevisionGraph.Build([Rev(id)]));

        Assert.Contains("Revision id", error.Message);
    }

    [Theory]
    [InlineData("head")]
    [InlineData("x@y")]
    [InlineData("")]
    public void Invalid_branch_labels_are_rejected(string label)
    {
        var error = Assert.Throws<RevisionGraphException>(() => RevisionGraph.Build([Labelled("a1", null, label)]));

        Assert.Contains("Branch label", error.Message);
        Assert.Contains("'a1'", error.Message);
    }

    [Fact]
    public void Down_revision_listed_twice_is_rejected()
    {
        var error = Assert.Throws<RevisionGraphException>(() => RevisionGraph.Build([Rev("a1"), Rev("m1", "a1", "a1")]));

        Assert.Contains("more than once", error.Message);
    }
}
