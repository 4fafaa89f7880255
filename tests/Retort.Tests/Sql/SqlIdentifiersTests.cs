using Retort.Sql;

namespace Retort.Tests.Sql;

/// <summary>Finding and renaming names (the forms <c>SqlText</c> shares are pinned by the operation tests).</summary>
public sealed class SqlIdentifiersTests
{
    [Theory]
    [InlineData("a > 0", true)]
    [InlineData("A > 0", true)]
    [InlineData("\"a\" > 0", true)]
    [InlineData("\"A\" > 0", false)]
    [InlineData("t.a > 0", false)]
    [InlineData("aa > 0", false)]
    [InlineData("'a' <> b", false)]
    [InlineData("b > 0 -- not a", false)]
    [InlineData("b > 0 /* a */", false)]
    [InlineData("b = @a", false)]
    public void A_name_is_mentioned_as_a_whole_word_or_quoted_name_in_code(string sql, bool mentioned) =>
        Assert.Equal(mentioned, SqlIdentifiers.Mentions(sql, "a"));

    [Fact]
    public void Renaming_leaves_comments_strings_and_other_names_as_written()
    {
        Assert.Equal("\"b\" > 0 /* a */ AND [b] = 'a' -- a", SqlIdentifiers.Rename("a > 0 /* a */ AND [a] = 'a' -- a", "a", "b"));
        Assert.Equal("x = 1", SqlIdentifiers.Rename("x = 1", "a", "b"));
    }

    [Fact]
    public void Dollar_quoted_bodies_are_code_or_text_as_the_flavour_says()
    {
        const string sql = "DO $$ BEGIN ALTER TABLE users ADD c int; END $$";
        Assert.False(SqlIdentifiers.Mentions(sql, "users"));
        Assert.True(SqlIdentifiers.Mentions(sql, "users", SqlFlavor.Lenient with { DollarQuotes = false }));
        Assert.True(Retort.Operations.SqlText.MentionsIdentifier(sql, "users"));
    }

    [Fact]
    public void Canonical_keys_ignore_comments()
    {
        Assert.Equal(SqlCanonical.Key("a > 0 -- positive"), SqlCanonical.Key("(a > 0)"));
        Assert.Equal(SqlCanonical.Key("a /* x */ > 0"), SqlCanonical.Key("a > 0"));
    }
}
