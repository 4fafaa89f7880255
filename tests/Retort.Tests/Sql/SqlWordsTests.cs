using Retort.Sql;

namespace Retort.Tests.Sql;

public sealed class SqlWordsTests
{
    [Theory]
    [InlineData("ALTER TABLE t ADD COLUMN c int", "ALTER")]
    [InlineData("  alter table t", "ALTER")]
    [InlineData("-- add a column\nALTER TABLE t ADD COLUMN c int", "ALTER")]
    [InlineData("/* a; b */\n-- c\n  Create index ix on t (c)", "CREATE")]
    [InlineData("/* unclosed", "")]
    [InlineData("-- only a comment", "")]
    [InlineData("(SELECT 1)", "")]
    [InlineData("\"ALTER\" x", "")]
    public void First_word_skips_comments_and_white_space(string sql, string first) =>
        Assert.Equal(first, SqlWords.First(sql));

    [Fact]
    public void Leading_tokens_are_read_past_comments_between_them() =>
        Assert.Equal(["CREATE", "INDEX", "CONCURRENTLY", "\"ix\""],
            SqlWords.Leading("-- build it\ncreate /* without blocking writes */ index\n concurrently \"ix\" ON t (c)", 4));

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY ix ON t (c)", true)]
    [InlineData("CREATE INDEX\nCONCURRENTLY ix ON t (c)", true)]
    [InlineData("CREATE INDEX ix ON t (c) -- not CONCURRENTLY", false)]
    [InlineData("CREATE INDEX ix ON t (c) WHERE note <> ' CONCURRENTLY '", false)]
    [InlineData("CREATE INDEX \"CONCURRENTLY\" ON t (c)", false)]
    [InlineData("COMMENT ON TABLE t IS $$built CONCURRENTLY$$", false)]
    public void Contains_finds_bare_keywords_only(string sql, bool found) =>
        Assert.Equal(found, SqlWords.Contains(sql, "CONCURRENTLY"));

    [Fact]
    public void Without_leading_comments_starts_at_the_statement() =>
        Assert.Equal("ALTER TABLE t ADD c int; -- trailing", SqlWords.WithoutLeadingComments("-- why\n/* how */ ALTER TABLE t ADD c int; -- trailing"));
}
