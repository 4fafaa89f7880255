using Retort.Revisions;
using static Retort.Tests.Revisions.Graphs;

namespace Retort.Tests.Revisions;

public class HeadBookkeepingTests
{
    private static string[] AfterUp(RevisionGraph graph, string applied, params string[] heads) =>
        graph.HeadsAfterUpgrade(heads, graph.Get(applied)).ToArray();

    private static string[] AfterDown(RevisionGraph graph, string removed, params string[] heads) =>
        graph.HeadsAfterDowngrade(heads, graph.Get(removed)).ToArray();

    /// <summary>Runs a path step by step through the bookkeeping, as the runner would.</summary>
    private static string[] Upgrade(RevisionGraph graph, string target, params string[] heads)
    {
        IReadOnlyCollection<string> current = heads;
        foreach (var rev in graph.UpgradePath(current, target))
            current = graph.HeadsAfterUpgrade(current, rev);
        return Sorted(current);
    }

    private static string[] Downgrade(RevisionGraph graph, string target, params string[] heads)
    {
        IReadOnlyCollection<string> current = heads;
        foreach (var rev in graph.DowngradePath(current, target))
            current = graph.HeadsAfterDowngrade(current, rev);
        return Sorted(current);
    }

    [Fact]
    public void Linear_upgrade_replaces_the_head()
    {
        var graph = Linear();

        Assert.Equal(["a1"], AfterUp(graph, "a1"));
        Assert.Equal(["a2"], AfterUp(graph, "a2", "a1"));
    }

    [Fact]
    public void Branching_gives_two_heads_and_merging_joins_them()
    {
        var graph = Merged();

        Assert.Equal(["b1"], AfterUp(graph, "b1", "a1"));
        Assert.Equal(["b1", "c1"], AfterUp(graph, "c1", "b1"));
        Assert.Equal(["b2", "c1"], AfterUp(graph, "b2", "b1", "c1"));
        Assert.Equal(["m1"], AfterUp(graph, "m1", "b2", "c2"));
    }

    [Fact]
    public void Downgrading_a_merge_restores_both_heads()
    {
        Assert.Equal(["b2", "c2"], AfterDown(Merged(), "m1", "m1"));
    }

    [Fact]
    public void Downgrading_one_branch_keeps_the_other_head()
    {
        var graph = Branched();

        Assert.Equal(["b1", "c2"], AfterDown(graph, "b2", "b2", "c2"));
        // a1 is still below c2, so it does not become a head of its own.
        Assert.Equal(["c2"], AfterDown(graph, "b1", "b1", "c2"));
    }

    [Fact]
    public void Downgrading_the_last_revision_leaves_no_heads()
    {
        Assert.Empty(AfterDown(Linear(), "a1", "a1"));
    }

    [Fact]
    public void Dependency_on_another_branch_stays_its_own_head()
    {
        var graph = WithDependency();

        Assert.Equal(["a2", "x1"], AfterUp(graph, "a2", "a1", "x1"));
        Assert.Equal(["a1", "x1"], AfterDown(graph, "a2", "a2", "x1"));
    }

    [Fact]
    public void Upgrading_heads_step_by_step_ends_at_every_head()
    {
        Assert.Equal(["b2", "c2"], Upgrade(Branched(), "heads"));
        Assert.Equal(["m2"], Upgrade(Merged(), "heads"));
        Assert.Equal(["a3", "x2"], Upgrade(WithDependency(), "heads"));
    }

    [Fact]
    public void Downgrading_through_a_merge_step_by_step_leaves_two_heads()
    {
        Assert.Equal(["b2", "c2"], Downgrade(Merged(), "b2", "m2"));
        Assert.Equal(["b2", "c2"], Downgrade(Merged(), "m2-2", "m2"));
        Assert.Equal(["b2", "c1"], Downgrade(Merged(), "c1", "m1"));
    }

    [Fact]
    public void Downgrading_one_branch_step_by_step_keeps_the_other()
    {
        Assert.Equal(["b1", "c2"], Downgrade(Branched(), "b@-1", "b2", "c2"));
        Assert.Equal(["c2"], Downgrade(Branched(), "b@base", "b2", "c2"));
        Assert.Equal(["a1"], Downgrade(WithDependency(), "x@base", "a3", "x2"));
    }

    [Fact]
    public void Downgrading_to_base_step_by_step_leaves_nothing()
    {
        Assert.Empty(Downgrade(Merged(), "base", "m2"));
        Assert.Empty(Downgrade(WithDependency(), "base", "a3", "x2"));
    }

    [Fact]
    public void Normalize_drops_heads_below_other_heads()
    {
        Assert.Equal(["a3"], Linear().Normalize(["a1", "a3", "a2"]).ToArray());
        Assert.Equal(["b1", "c2"], Branched().Normalize(["c2", "a1", "b1", "b1"]).ToArray());
        Assert.Equal(["m1"], Merged().Normalize(["b2", "m1", "c1"]).ToArray());
    }

    [Fact]
    public void Normalize_keeps_dependencies_as_their_own_heads()
    {
        Assert.Equal(["a3", "x1"], WithDependency().Normalize(["x1", "a3"]).ToArray());
    }

    [Fact]
    public void Bookkeeping_refuses_unknown_revisions()
    {
        var graph = Linear();

        Assert.Throws<UnknownRevisionException>(() => graph.Normalize(["zz"]));
        Assert.Throws<UnknownRevisionException>(() => graph.HeadsAfterUpgrade(["a1"], Rev("zz", "a1")));
        Assert.Throws<UnknownRevisionException>(() => graph.HeadsAfterDowngrade(["zz"], graph.Get("a1")));
    }
}
