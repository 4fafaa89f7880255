using Retort.Sql;

namespace Retort.Tests.Sql;

/// <summary>Statement splitting per flavour (the splitting every flavour shares is pinned by the CLI tests' splitter tests).</summary>
public sealed class SqlSplitterTests
{
    [Fact]
    public void A_semicolon_in_a_nested_comment_splits_only_where_comments_do_not_nest()
    {
        const string sql = "/* outer /* inner; */ still a comment; */ SELECT 1; SELECT 2";
        Assert.Equal(["/* outer /* inner; */ still a comment; */ SELECT 1", "SELECT 2"], SqlSplitter.Split(sql, SqlFlavor.Lenient with { NestedComments = true }));
        Assert.Equal(["/* outer /* inner; */ still a comment", "*/ SELECT 1", "SELECT 2"], SqlSplitter.Split(sql, SqlFlavor.Lenient));
    }

    [Fact]
    public void Brackets_split_inside_where_they_are_no_quotes()
    {
        Assert.Equal(["SELECT a[1]", "SELECT ']'"], SqlSplitter.Split("SELECT a[1]; SELECT ']'", SqlFlavor.Standard with { DollarQuotes = true }));
        Assert.Equal(["SELECT [a;b]", "SELECT 2"], SqlSplitter.Split("SELECT [a;b]; SELECT 2", SqlFlavor.Standard with { BracketIdentifiers = true }));
    }

    [Fact]
    public void An_unterminated_string_keeps_the_rest_of_the_script_in_its_statement()
    {
        Assert.Equal(["SELECT 1", "SELECT 'oops; SELECT 2;"], SqlSplitter.Split("SELECT 1; SELECT 'oops; SELECT 2;"));
    }

    [Fact]
    public void Temporary_triggers_and_create_or_replace_routines_keep_their_bodies()
    {
        Assert.Equal(2, SqlSplitter.Split("CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END; SELECT 1").Count);
        Assert.Equal(2, SqlSplitter.Split("create or replace procedure p() begin atomic insert into t values (1); end; select 1").Count);
        // A BEGIN outside a trigger or routine is a transaction statement: it splits as any other.
        Assert.Equal(["BEGIN", "UPDATE t SET a = 1", "END"], SqlSplitter.Split("BEGIN; UPDATE t SET a = 1; END;"));
    }

    [Fact]
    public void Comment_only_and_blank_pieces_are_dropped_and_comments_stay_with_the_next_statement()
    {
        Assert.Equal(["-- why\nSELECT 1"], SqlSplitter.Split(";; -- why\nSELECT 1; /* trailing */ ;\n"));
        Assert.Empty(SqlSplitter.Split("-- nothing; here\n/* at; all */"));
    }

    [Fact]
    public void A_statement_ending_in_a_line_comment_gets_its_semicolon_on_a_line_of_its_own()
    {
        Assert.Equal("SELECT 1;", SqlSplitter.Terminate("SELECT 1"));
        Assert.Equal("SELECT 1 /* done */;", SqlSplitter.Terminate("SELECT 1 /* done */"));
        Assert.Equal("SELECT 1 -- done\n;", SqlSplitter.Terminate("SELECT 1 -- done"));
        Assert.Equal("SELECT '-- not a comment';", SqlSplitter.Terminate("SELECT '-- not a comment'"));
        Assert.Equal(["SELECT 1 -- done", "SELECT 2"], SqlSplitter.Split(SqlSplitter.Terminate("SELECT 1 -- done") + SqlSplitter.Terminate("SELECT 2")));
    }
}
