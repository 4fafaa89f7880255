using Retort.Revisions;
using static Retort.Tests.Revisions.Graphs;

namespace Retort.Tests.Revisions;

public class DowngradePathTests
{
    private static string[] Path(RevisionGraph graph, string target, params string[] current) =>
        Ids(graph.DowngradePath(current, target));

    [Fact]
    public void Downgrade_removes_children_before_parents_down_to_the_target()
    {
        Assert.Equal(["a3", "a2"], Path(Linear(), "a1", "a3"));
    }

    [Fact]
    public void Base_removes_everything()
    {
        Assert.Equal(["a3", "a2", "a1"], Path(Linear(), "base", "a3"));
        Assert.Equal(["c2", "c1", "b2", "b1", "a1"], Path(Branched(), "base", "b2", "c2"));
    }

    [Fact]
    public void Minus_one_removes_the_current_head()
    {
        Assert.Equal(["a3"], Path(Linear(), "-1", "a3"));
        Assert.Equal(["a3", "a2", "a1"], Path(Linear(), "-3", "a3"));
    }

    [Fact]
    public void Downgrade_to_the_current_head_does_nothing()
    {
        Assert.Empty(Path(Linear(), "a3", "a3"));
        Assert.Empty(Path(Linear(), "base"));
    }

    [Fact]
    public void Target_not_below_the_current_heads_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Path(Linear(), "a3", "a1"));

        Assert.Contains("'a3' is not applied", error.Message);
        Assert.Contains("(a1)", error.Message);
        Assert.Contains("Use upgrade", error.Message);
    }

    [Fact]
    public void Target_on_another_branch_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Path(Branched(), "c1", "b2"));

        Assert.Contains("not applied", error.Message);
    }

    [Fact]
    public void Id_on_one_branch_only_removes_that_branch()
    {
        Assert.Equal(["b2"], Path(Branched(), "b1", "b2", "c2"));
    }

    [Theory]
    [InlineData("b@-1", new[] { "b2" })]
    [InlineData("b@-2", new[] { "b2", "b1" })]
    [InlineData("b@base", new[] { "b2", "b1" })]
    [InlineData("b@a1", new[] { "b2", "b1" })]
    [InlineData("b2-2", new[] { "b2", "b1" })]
    [InlineData("c@base", new[] { "c2", "c1" })]
    public void Branch_target_only_removes_that_branch(string target, string[] expected)
    {
        Assert.Equal(expected, Path(Branched(), target, "b2", "c2"));
    }

    [Fact]
    public void Shared_ancestors_still_needed_by_another_head_stay()
    {
        // Three steps down branch b reach base, but a1 still carries branch c.
        Assert.Equal(["b2", "b1"], Path(Branched(), "b@-3", "b2", "c2"));
    }

    [Fact]
    public void Shared_ancestor_as_plain_target_winds_back_every_branch_built_on_it()
    {
        Assert.Equal(["c2", "c1", "b2", "b1"], Path(Branched(), "a1", "b2", "c2"));
    }

    [Fact]
    public void Downgrade_through_a_merge_removes_the_merge()
    {
        Assert.Equal(["m2", "m1"], Path(Merged(), "b2", "m2"));
        Assert.Equal(["m2", "m1"], Path(Merged(), "m2-2", "m2"));
    }

    [Fact]
    public void Downgrade_below_a_merge_on_one_side_removes_that_side_and_the_merge()
    {
        Assert.Equal(["m1", "c2"], Path(Merged(), "c1", "m1"));
    }

    [Fact]
    public void Dependents_are_removed_before_their_dependency()
    {
        // a2 depends on x1: removing branch x means removing a2 (and a3 above it) first; a1 is unaffected.
        Assert.Equal(["x2", "a3", "a2", "x1"], Path(WithDependency(), "x@base", "a3", "x2"));
    }

    [Fact]
    public void Dependency_target_stays_with_its_dependents()
    {
        Assert.Equal(["x2"], Path(WithDependency(), "x1", "a3", "x2"));
        Assert.Equal(["a3", "a2"], Path(WithDependency(), "a1", "a3", "x2"));
    }

    [Fact]
    public void Path_is_deterministic()
    {
        var graph = Branched();

        Assert.Equal(Path(graph, "base", "c2", "b2"), Path(graph, "base", "b2", "c2"));
    }

    [Fact]
    public void Forward_relative_target_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Path(Linear(), "+1", "a1"));

        Assert.Contains("Use upgrade", error.Message);
    }
}
