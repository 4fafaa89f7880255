using Retort.Revisions;
using static Retort.Tests.Revisions.Graphs;

namespace Retort.Tests.Revisions;

public class RevisionTargetTests
{
    private static readonly string[] None = [];

    private static IReadOnlyList<string> Up(RevisionGraph graph, string target, params string[] current) =>
        graph.ResolveUpgradeTarget(target, current).Revisions;

    private static IReadOnlyList<string> Down(RevisionGraph graph, string target, params string[] current) =>
        graph.ResolveDowngradeTarget(target, current).Revisions;

    [Fact]
    public void Head_is_the_single_head()
    {
        var target = Linear().ResolveUpgradeTarget("head", None);

        Assert.Equal(["a3"], target.Revisions);
        Assert.Equal("head", target.Text);
        Assert.False(target.IsBase);
    }

    [Fact]
    public void Head_with_several_heads_is_refused_with_suggestions()
    {
        var error = Assert.Throws<MultipleHeadsException>(() => Branched().ResolveUpgradeTarget("head", None));

        Assert.Equal("head", error.Target);
        Assert.Equal(["b2", "c2"], error.Heads);
        Assert.Contains("b2, c2", error.Message);
        Assert.Contains("'heads'", error.Message);
        Assert.Contains("@head", error.Message);
        Assert.Contains("merge", error.Message);
    }

    [Fact]
    public void Heads_is_every_head()
    {
        Assert.Equal(["b2", "c2"], Up(Branched(), "heads"));
        Assert.Equal(["m2"], Up(Merged(), "heads"));
    }

    [Fact]
    public void Base_is_empty()
    {
        var target = Linear().ResolveDowngradeTarget("base", ["a3"]);

        Assert.True(target.IsBase);
        Assert.Empty(target.Revisions);
        Assert.Equal("base", target.ToString());
    }

    [Theory]
    [InlineData("a1", "a1")]
    [InlineData("b", "b1")]   // a branch label names the revision carrying it
    [InlineData("c2", "c2")]
    [InlineData("c", "c1")]
    public void Id_or_label_names_one_revision(string target, string expected)
    {
        Assert.Equal([expected], Up(Branched(), target));
    }

    [Fact]
    public void Unique_prefix_names_one_revision()
    {
        var graph = RevisionGraph.Build([Rev("1a2b"), Rev("3c4d", "1a2b")]);

        Assert.Equal(["3c4d"], Up(graph, "3"));
    }

    [Fact]
    public void Ambiguous_prefix_target_lists_candidates()
    {
        var error = Assert.Throws<AmbiguousRevisionException>(() => Up(Linear(), "a"));

        Assert.Equal(["a1", "a2", "a3"], error.Candidates);
    }

    [Fact]
    public void Unknown_target_says_what_was_looked_for()
    {
        var error = Assert.Throws<UnknownRevisionException>(() => Up(Linear(), "zz9"));

        Assert.Equal("zz9", error.Identifier);
        Assert.Contains("'zz9'", error.Message);
    }

    [Fact]
    public void Label_at_head_is_the_head_of_that_branch()
    {
        var target = Branched().ResolveUpgradeTarget("b@head", None);

        Assert.Equal(["b2"], target.Revisions);
        Assert.Equal("b1", target.Lineage);
        Assert.Equal(["c2"], Up(Branched(), "c@head"));
    }

    [Fact]
    public void Label_at_head_with_several_heads_on_the_branch_is_refused()
    {
        // The label sits on the base, so both branches belong to it.
        var graph = RevisionGraph.Build([Labelled("a1", null, "main"), Rev("b1", "a1"), Rev("c1", "a1")]);

        var error = Assert.Throws<MultipleHeadsException>(() => Up(graph, "main@head"));

        Assert.Equal("main@head", error.Target);
        Assert.Equal(["b1", "c1"], error.Heads);
    }

    [Fact]
    public void Label_at_base_upgrades_to_the_first_revision_of_the_branch()
    {
        Assert.Equal(["c1"], Up(Branched(), "c@base"));
    }

    [Fact]
    public void Label_at_base_downgrades_to_what_the_branch_was_built_on()
    {
        var target = Branched().ResolveDowngradeTarget("c@base", ["b2", "c2"]);

        Assert.Equal(["a1"], target.Revisions);
        Assert.Equal("c1", target.Lineage);
    }

    [Fact]
    public void Label_covers_the_revisions_below_it_down_to_a_branch_point()
    {
        // Label on a2 of a linear history: the branch reaches down to a1, so its base is base itself.
        var graph = RevisionGraph.Build([Rev("a1"), Labelled("a2", "a1", "main"), Rev("a3", "a2")]);

        Assert.Equal(["a1"], Up(graph, "main@base"));
        Assert.True(graph.ResolveDowngradeTarget("main@base", ["a3"]).IsBase);
    }

    [Fact]
    public void Label_at_id_names_a_revision_on_the_branch()
    {
        var target = Branched().ResolveUpgradeTarget("b@b2", None);

        Assert.Equal(["b2"], target.Revisions);
        Assert.Equal("b1", target.Lineage);
        Assert.Equal(["a1"], Up(Branched(), "b@a1")); // shared ancestors are on the branch's line
    }

    [Fact]
    public void Label_at_id_off_the_branch_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Branched(), "b@c2"));

        Assert.Contains("not on branch 'b'", error.Message);
    }

    [Fact]
    public void Label_at_prefix_only_considers_the_branch()
    {
        var graph = RevisionGraph.Build([Rev("aa1"), Labelled("bb1", "aa1", "left"), Labelled("bc1", "aa1", "right")]);

        Assert.Throws<AmbiguousRevisionException>(() => Up(graph, "b"));
        Assert.Equal(["bb1"], Up(graph, "left@b"));
        Assert.Equal(["bc1"], Up(graph, "right@b"));
        Assert.Contains("not on branch", Assert.Throws<RevisionGraphException>(() => Up(graph, "left@bc")).Message);
    }

    [Fact]
    public void Revision_id_may_stand_before_at()
    {
        Assert.Equal(["b2"], Up(Branched(), "b1@head"));
    }

    [Fact]
    public void Unknown_branch_label_says_what_was_looked_for()
    {
        var error = Assert.Throws<UnknownRevisionException>(() => Up(Branched(), "nope@head"));

        Assert.Equal("nope", error.Identifier);
        Assert.Contains("branch label", error.Message);
    }

    [Theory]
    [InlineData("@head")]
    [InlineData("b@")]
    public void Incomplete_branch_target_is_refused(string target)
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Branched(), target));

        Assert.Contains("incomplete", error.Message);
    }

    [Theory]
    [InlineData("+1", new[] { "a1" }, new[] { "a2" })]
    [InlineData("+2", new[] { "a1" }, new[] { "a3" })]
    [InlineData("+1", new string[0], new[] { "a1" })]
    [InlineData("+3", new string[0], new[] { "a3" })]
    [InlineData("+0", new[] { "a2" }, new[] { "a2" })]
    public void Plus_n_counts_up_from_the_current_head(string target, string[] current, string[] expected)
    {
        Assert.Equal(expected, Up(Linear(), target, current));
    }

    [Fact]
    public void Minus_n_counts_down_from_the_current_head()
    {
        var target = Linear().ResolveDowngradeTarget("-1", ["a3"]);

        Assert.Equal(["a2"], target.Revisions);
        Assert.Equal("a3", target.Lineage);
        Assert.Empty(Down(Linear(), "-3", "a3"));
        Assert.Equal(["a3"], Down(Linear(), "-0", "a3"));
    }

    [Fact]
    public void Plus_n_past_the_head_says_how_far_it_could_go()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Linear(), "+3", "a1"));

        Assert.Contains("past the head", error.Message);
        Assert.Contains("at most 2 step(s), to 'a3'", error.Message);
    }

    [Fact]
    public void Minus_n_past_base_says_how_far_it_could_go()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Down(Linear(), "-4", "a3"));

        Assert.Contains("past base", error.Message);
        Assert.Contains("at most 3 step(s)", error.Message);
    }

    [Fact]
    public void Plus_n_with_several_current_heads_is_ambiguous()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Branched(), "+1", "b1", "c1"));

        Assert.Contains("several current heads (b1, c1)", error.Message);
        Assert.Contains("<label>@+1", error.Message);
    }

    [Fact]
    public void Minus_n_with_several_current_heads_is_ambiguous()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Down(Branched(), "-1", "b2", "c2"));

        Assert.Contains("several current heads", error.Message);
    }

    [Fact]
    public void Plus_n_through_a_branch_point_is_ambiguous()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Branched(), "+1", "a1"));

        Assert.Contains("branches at 'a1' into b1, c1", error.Message);
    }

    [Fact]
    public void Minus_n_with_nothing_applied_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Down(Linear(), "-1"));

        Assert.Contains("no revision is applied", error.Message);
    }

    [Fact]
    public void Relative_direction_must_match_the_command()
    {
        var up = Assert.Throws<RevisionGraphException>(() => Up(Linear(), "-1", "a3"));
        var down = Assert.Throws<RevisionGraphException>(() => Down(Linear(), "+1", "a1"));

        Assert.Contains("Use downgrade", up.Message);
        Assert.Contains("Use upgrade", down.Message);
    }

    [Theory]
    [InlineData("a1+2", "a3")]
    [InlineData("a1+0", "a1")]
    [InlineData("a3-2", "a1")]
    [InlineData("head-1", "a2")]
    public void Id_plus_or_minus_n_counts_from_that_revision(string target, string expected)
    {
        Assert.Equal([expected], Up(Linear(), target));
    }

    [Fact]
    public void Id_minus_n_is_confined_to_that_revisions_line()
    {
        var target = Branched().ResolveDowngradeTarget("b2-1", ["b2", "c2"]);

        Assert.Equal(["b1"], target.Revisions);
        Assert.Equal("b2", target.Lineage);
    }

    [Fact]
    public void Id_plus_n_past_the_head_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Linear(), "a2+2"));

        Assert.Contains("at most 1 step(s), to 'a3'", error.Message);
    }

    [Fact]
    public void One_step_down_from_a_merge_lands_on_both_parents()
    {
        Assert.Equal(["b2", "c2"], Down(Merged(), "m1-1", "m2"));
    }

    [Fact]
    public void Stepping_further_down_through_a_merge_is_ambiguous()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Down(Merged(), "m2-3", "m2"));

        Assert.Contains("merge parents b2, c2", error.Message);
    }

    [Fact]
    public void Label_plus_n_counts_from_the_branch_position()
    {
        var graph = Branched();

        Assert.Equal(["b1"], Up(graph, "b@+1", "a1"));
        Assert.Equal(["b2"], Up(graph, "b@+1", "b1", "c2"));
        Assert.Equal(["c2"], Up(graph, "c@+2", "b2"));
        Assert.Equal(["b2"], Up(graph, "b@+3"));
    }

    [Fact]
    public void Label_minus_n_counts_from_the_branch_position()
    {
        var target = Branched().ResolveDowngradeTarget("b@-1", ["b2", "c2"]);

        Assert.Equal(["b1"], target.Revisions);
        Assert.Equal("b1", target.Lineage);
        Assert.Equal(["a1"], Down(Branched(), "c@-2", "b2", "c2"));
    }

    [Fact]
    public void Label_minus_n_with_nothing_applied_on_the_branch_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Down(WithDependency(), "x@-1", "a1"));

        Assert.Contains("nothing on branch 'x' is applied", error.Message);
    }

    [Fact]
    public void Label_plus_n_past_the_branch_head_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Branched(), "b@+2", "b1"));

        Assert.Contains("at most 1 step(s), to 'b2'", error.Message);
    }

    [Theory]
    [InlineData("+x")]
    [InlineData("-x")]
    [InlineData("a1+x")]
    [InlineData("+")]
    [InlineData("b@+x")]
    public void Malformed_relative_targets_are_refused(string target)
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Branched(), target, "a1"));

        Assert.Contains("is not valid", error.Message);
        Assert.Contains("'+1'", error.Message);
    }

    [Fact]
    public void Huge_step_count_is_refused()
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Linear(), "+99999999999"));

        Assert.Contains("too large", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_target_is_refused(string target)
    {
        var error = Assert.Throws<RevisionGraphException>(() => Up(Linear(), target));

        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Whole_text_id_wins_over_relative_parsing()
    {
        var graph = RevisionGraph.Build([Rev("v"), Rev("v-1", "v")]);

        Assert.Equal(["v-1"], Up(graph, "v-1"));
        Assert.Equal(["v-1"], Up(graph, "v+1"));
    }

    [Fact]
    public void Unknown_current_head_is_refused()
    {
        var error = Assert.Throws<UnknownRevisionException>(() => Up(Linear(), "+1", "zz"));

        Assert.Equal("zz", error.Identifier);
        Assert.Contains("current head", error.Message);
    }
}
