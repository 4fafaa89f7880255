using Retort.Revisions;
using static Retort.Tests.Revisions.Graphs;

namespace Retort.Tests.Revisions;

public class UpgradePathTests
{
    private static string[] Path(RevisionGraph graph, string target, params string[] current) =>
        Ids(graph.UpgradePath(current, target));

    [Fact]
    public void Fresh_database_applies_the_whole_linear_history()
    {
        Assert.Equal(["a1", "a2", "a3"], Path(Linear(), "head"));
    }

    [Fact]
    public void Only_unapplied_revisions_are_applied()
    {
        Assert.Equal(["a2", "a3"], Path(Linear(), "head", "a1"));
    }

    [Fact]
    public void Upgrade_stops_at_the_target()
    {
        Assert.Equal(["a1", "a2"], Path(Linear(), "a2"));
        Assert.Equal(["a2"], Path(Linear(), "+1", "a1"));
    }

    [Fact]
    public void Upgrade_to_the_current_head_does_nothing()
    {
        Assert.Empty(Path(Linear(), "head", "a3"));
        Assert.Empty(Path(Linear(), "+0", "a2"));
        Assert.Empty(Path(Linear(), "base"));
    }

    [Fact]
    public void Target_behind_the_current_heads_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Path(Linear(), "a1", "a3"));

        Assert.Contains("'a1' is already applied", error.Message);
        Assert.Contains("(a3)", error.Message);
        Assert.Contains("Use downgrade", error.Message);
    }

    [Fact]
    public void Upgrade_to_base_with_revisions_applied_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Path(Linear(), "base", "a2"));

        Assert.Contains("Use downgrade", error.Message);
    }

    [Fact]
    public void Head_is_refused_when_history_has_branched()
    {
        Assert.Throws<MultipleHeadsException>(() => Path(Branched(), "head", "a1"));
    }

    [Fact]
    public void Heads_applies_every_branch()
    {
        Assert.Equal(["a1", "b1", "b2", "c1", "c2"], Path(Branched(), "heads"));
        Assert.Equal(["c1", "c2"], Path(Branched(), "heads", "b2"));
        Assert.Equal(["b2", "c2"], Path(Branched(), "heads", "b1", "c1"));
    }

    [Fact]
    public void Upgrading_one_branch_leaves_the_other_alone()
    {
        Assert.Equal(["c1", "c2"], Path(Branched(), "c@head", "b2"));
        Assert.Equal(["b1"], Path(Branched(), "b@+1", "a1"));
    }

    [Fact]
    public void Merge_applies_what_each_branch_still_lacks()
    {
        Assert.Equal(["m1", "m2"], Path(Merged(), "head", "b2", "c2"));
        Assert.Equal(["b2", "c1", "c2", "m1", "m2"], Path(Merged(), "head", "b1"));
    }

    [Fact]
    public void Upgrading_to_a_merge_parent_after_the_merge_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Path(Merged(), "b2", "m1"));

        Assert.Contains("Use downgrade", error.Message);
    }

    [Fact]
    public void Dependencies_on_another_branch_are_applied_first()
    {
        Assert.Equal(["a1", "x1", "a2", "a3"], Path(WithDependency(), "a3"));
    }

    [Fact]
    public void Dependency_already_applied_is_not_applied_again()
    {
        Assert.Equal(["a1", "a2"], Path(WithDependency(), "a2", "x2"));
    }

    [Fact]
    public void Branch_only_depended_upon_can_still_move_forward()
    {
        // x1 counts as applied through a2's dependency; its own branch can still advance to x2.
        Assert.Equal(["x2"], Path(WithDependency(), "x@head", "a3"));
        Assert.Equal(["a3", "x2"], Path(WithDependency(), "heads", "a2", "x1"));
    }

    [Fact]
    public void Path_orders_parents_and_dependencies_first_whatever_the_ids()
    {
        var graph = RevisionGraph.Build([Rev("z1"), Rev("y2", "z1"), Depending("a3", "y2", "q1"), Rev("q1", "z1")]);

        Assert.Equal(["z1", "q1", "y2", "a3"], Path(graph, "a3"));
    }

    [Fact]
    public void Path_is_deterministic_whatever_the_input_order()
    {
        var forward = RevisionGraph.Build([.. BranchedRevisions(), Rev("m1", "b2", "c2")]);
        var backward = RevisionGraph.Build(Enumerable.Reverse([.. BranchedRevisions(), Rev("m1", "b2", "c2")]));

        Assert.Equal(Path(forward, "head"), Path(backward, "head"));
        Assert.Equal(Path(forward, "head"), Path(forward, "head"));
    }

    [Fact]
    public void Resolved_target_can_be_passed_directly()
    {
        var graph = Linear();
        var target = new RevisionTarget("a2", ["a2"]);

        Assert.Equal(["a2"], Ids(graph.UpgradePath(["a1"], target)));
    }

    [Fact]
    public void Unknown_revision_in_a_target_is_refused()
    {
        Assert.Throws<UnknownRevisionException>(() => Linear().UpgradePath([], new RevisionTarget("zz", ["zz"])));
    }
}
