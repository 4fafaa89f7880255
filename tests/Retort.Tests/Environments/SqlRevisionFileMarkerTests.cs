using Retort.Environments;
using Retort.Migrations;
using Retort.Operations;

namespace Retort.Tests.Environments;

/// <summary>
/// Section lines of a <c>.sql</c> revision are comments as the SQL lexer reads them: the same text inside a string,
/// a dollar-quoted body or a block comment is part of that text, and one swallowed by an unclosed quote is an error.
/// </summary>
public sealed class SqlRevisionFileMarkerTests
{
    [Fact]
    public void A_marker_line_inside_a_body_string_or_block_comment_stays_in_the_statement()
    {
        var revision = SqlRevisionFile.Parse(
            "-- retort:revision r1\n-- retort:upgrade\n" +
            "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\n-- retort:downgrade\nSELECT 'x' $$;\n" +
            "COMMENT ON TABLE t IS '\n-- retort:message not a header\n';\n" +
            "/*\n-- retort:upgrade\n*/ SELECT 1;\n" +
            "-- retort:downgrade\nDROP FUNCTION f();\n", "r1.sql");
        var up = new Op();
        revision.Script.BuildUpgrade(up);
        Assert.Equal(
        [
            "CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\n-- retort:downgrade\nSELECT 'x' $$",
            "COMMENT ON TABLE t IS '\n-- retort:message not a header\n'",
            "/*\n-- retort:upgrade\n*/ SELECT 1",
        ], up.Plan.Cast<ExecuteSqlOperation>().Select(o => o.Sql));
        var down = new Op();
        revision.Script.BuildDowngrade(down);
        Assert.Equal(["DROP FUNCTION f()"], down.Plan.Cast<ExecuteSqlOperation>().Select(o => o.Sql));
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES ('it's here');", "a string that starts on line 3")]
    [InlineData("CREATE FUNCTION f() AS $body$ SELECT 1 $$;", "a dollar-quoted body that starts on line 3")]
    [InlineData("SELECT 1;\n/* note", "a block comment that starts on line 4")]
    public void A_marker_line_swallowed_by_an_unclosed_quote_is_an_error_naming_both_lines(string upgrade, string expected)
    {
        var text = "-- retort:revision r1\n-- retort:upgrade\n" + upgrade + "\n-- retort:downgrade\nSELECT 2;\n";
        var e = Assert.Throws<RevisionFileException>(() => SqlRevisionFile.Parse(text, "r1.sql"));
        Assert.Contains("'-- retort:downgrade' is inside " + expected + " and is never closed", e.Message);
        Assert.Contains("r1.sql", e.Message);
        Assert.Equal(text.Split('\n').ToList().IndexOf("-- retort:downgrade") + 1, e.Line);
    }
}
