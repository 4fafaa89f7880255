using Retort.Sql;

namespace Retort.Tests.Sql;

/// <summary>
/// The token stream of <see cref="SqlLexer"/> for every token kind, every flavour switch on and off, and the edge
/// cases: unterminated strings, quoted names and comments end the text as one token marked unterminated.
/// </summary>
public sealed class SqlLexerTests
{
    private static readonly SqlFlavor Nested = SqlFlavor.Standard with { NestedComments = true };

    private static (SqlTokenKind Kind, string Text)[] Lex(string sql, SqlFlavor? flavor = null) =>
        SqlLexer.Tokenize(sql, flavor).Select(t => (t.Kind, t.Text)).ToArray();

    private static (SqlTokenKind Kind, string Text)[] Code(string sql, SqlFlavor? flavor = null) =>
        SqlLexer.Tokenize(sql, flavor).SkipTrivia().Select(t => (t.Kind, t.Text)).ToArray();

    [Fact]
    public void Every_kind_of_token_with_its_text_and_position()
    {
        const string sql = "SELECT a_1$, \"Q\"\"x\", 'it''s', 1.5e3, .5, @p_1 -- note; here\n/* block */ FROM t;";
        Assert.Equal(
        [
            (SqlTokenKind.Word, "SELECT"), (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Word, "a_1$"), (SqlTokenKind.Symbol, ","),
            (SqlTokenKind.Whitespace, " "), (SqlTokenKind.QuotedIdentifier, "\"Q\"\"x\""), (SqlTokenKind.Symbol, ","),
            (SqlTokenKind.Whitespace, " "), (SqlTokenKind.String, "'it''s'"), (SqlTokenKind.Symbol, ","),
            (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Number, "1.5e3"), (SqlTokenKind.Symbol, ","),
            (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Number, ".5"), (SqlTokenKind.Symbol, ","),
            (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Parameter, "@p_1"), (SqlTokenKind.Whitespace, " "),
            (SqlTokenKind.LineComment, "-- note; here"), (SqlTokenKind.Whitespace, "\n"), (SqlTokenKind.BlockComment, "/* block */"),
            (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Word, "FROM"), (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Word, "t"),
            (SqlTokenKind.Symbol, ";"),
        ], Lex(sql, SqlFlavor.Standard));

        var tokens = SqlLexer.Tokenize(sql).ToList();
        // Positions cover the text without gaps or overlaps.
        Assert.Equal(sql, string.Concat(tokens.Select(t => sql[t.Start..t.End])));
        Assert.All(tokens.Zip(tokens.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        var quoted = tokens.Single(t => t.Kind == SqlTokenKind.QuotedIdentifier);
        Assert.Equal((13, 19), (quoted.Start, quoted.End));
        Assert.Equal("Q\"x", quoted.Identifier);
        Assert.Equal("note; here", tokens.Single(t => t.Kind == SqlTokenKind.LineComment).CommentText);
        Assert.Equal("block", tokens.Single(t => t.Kind == SqlTokenKind.BlockComment).CommentText);
        Assert.DoesNotContain(tokens, t => t.IsUnterminated);
    }

    [Fact]
    public void Words_fold_ascii_letters_only_and_keywords_compare_in_any_case()
    {
        Assert.Equal("ÜNITS", SqlLexer.Tokenize("ÜNITS").SkipTrivia().Single().Identifier);
        Assert.Equal("Ünits", SqlLexer.Tokenize("ÜNITS").SkipTrivia().Single().FoldedIdentifier);
        Assert.Equal("mixed", SqlLexer.Tokenize("MiXeD").SkipTrivia().Single().FoldedIdentifier);
        Assert.Equal("MiXeD", SqlLexer.Tokenize("\"MiXeD\"").SkipTrivia().Single().FoldedIdentifier);
        Assert.True(SqlLexer.Tokenize("select").SkipTrivia().Single().Is("SELECT"));
        Assert.False(SqlLexer.Tokenize("\"select\"").SkipTrivia().Single().Is("SELECT"));
    }

    [Fact]
    public void Brackets_and_backticks_are_quoted_names_only_when_the_flavour_says_so()
    {
        var brackets = SqlFlavor.Standard with { BracketIdentifiers = true };
        Assert.Equal([(SqlTokenKind.QuotedIdentifier, "[odd; name]")], Code("[odd; name]", brackets));
        Assert.Equal(
            [(SqlTokenKind.Symbol, "["), (SqlTokenKind.Word, "odd"), (SqlTokenKind.Symbol, ";"), (SqlTokenKind.Word, "name"), (SqlTokenKind.Symbol, "]")],
            Code("[odd; name]", SqlFlavor.Standard));

        var backticks = SqlFlavor.Standard with { BacktickIdentifiers = true };
        var name = SqlLexer.Tokenize("`a``b`", backticks).Single();
        Assert.Equal((SqlTokenKind.QuotedIdentifier, "a`b"), (name.Kind, name.Identifier));
        Assert.Equal(SqlTokenKind.Symbol, SqlLexer.Tokenize("`a`", SqlFlavor.Standard).First().Kind);
    }

    [Fact]
    public void Escape_strings_take_backslash_escapes_only_when_the_flavour_says_so()
    {
        var escapes = SqlFlavor.Standard with { EscapeStrings = true };
        Assert.Equal([(SqlTokenKind.String, @"E'it\'s'"), (SqlTokenKind.Symbol, ",")], Code(@"E'it\'s',", escapes));
        Assert.Equal([(SqlTokenKind.String, @"e'a\\'"), (SqlTokenKind.Symbol, ",")], Code(@"e'a\\',", escapes));
        Assert.Equal([(SqlTokenKind.String, @"E'a''b\n'")], Code(@"E'a''b\n'", escapes));
        // Without the switch, E is a word and the backslash is an ordinary character: 'it\' ends the string.
        Assert.Equal([(SqlTokenKind.Word, "E"), (SqlTokenKind.String, @"'it\'"), (SqlTokenKind.Word, "s"), (SqlTokenKind.String, "',")],
            Code(@"E'it\'s',", SqlFlavor.Standard));
        // An E that ends a longer word starts no escape string.
        Assert.Equal([(SqlTokenKind.Word, "typE"), (SqlTokenKind.String, "'x'")], Code("typE'x'", escapes));
    }

    [Fact]
    public void Dollar_quotes_with_and_without_a_tag_hold_everything_up_to_their_own_closing_tag()
    {
        var dollars = SqlFlavor.Standard with { DollarQuotes = true };
        Assert.Equal([(SqlTokenKind.String, "$$ a; 'b $$"), (SqlTokenKind.Symbol, ";")], Code("$$ a; 'b $$;", dollars));
        Assert.Equal([(SqlTokenKind.String, "$fn$ BEGIN $$ x $$; END $fn$"), (SqlTokenKind.Word, "LANGUAGE")],
            Code("$fn$ BEGIN $$ x $$; END $fn$ LANGUAGE", dollars));
        // $1 is a positional parameter, not a tag; a $ inside a word is part of the word.
        Assert.Equal([(SqlTokenKind.Symbol, "$"), (SqlTokenKind.Number, "1"), (SqlTokenKind.Symbol, ","), (SqlTokenKind.Symbol, "$"), (SqlTokenKind.Number, "2")],
            Code("$1, $2", dollars));
        Assert.Equal([(SqlTokenKind.Word, "a$b$c")], Code("a$b$c", dollars));
        Assert.Equal(SqlTokenKind.Symbol, SqlLexer.Tokenize("$$ x $$", SqlFlavor.Standard).First().Kind);
    }

    [Fact]
    public void Block_comments_nest_only_when_the_flavour_says_so()
    {
        const string sql = "/* a /* b */ c */ d";
        Assert.Equal([(SqlTokenKind.BlockComment, "/* a /* b */ c */"), (SqlTokenKind.Whitespace, " "), (SqlTokenKind.Word, "d")], Lex(sql, Nested));
        Assert.Equal([(SqlTokenKind.Word, "c"), (SqlTokenKind.Symbol, "*"), (SqlTokenKind.Symbol, "/"), (SqlTokenKind.Word, "d")], Code(sql, SqlFlavor.Standard));
    }

    [Theory]
    [InlineData("'abc", SqlTokenKind.String)]
    [InlineData("'it''s", SqlTokenKind.String)]
    [InlineData("\"abc", SqlTokenKind.QuotedIdentifier)]
    [InlineData("[abc", SqlTokenKind.QuotedIdentifier)]
    [InlineData("`ab``c", SqlTokenKind.QuotedIdentifier)]
    [InlineData("E'abc\\'", SqlTokenKind.String)]
    [InlineData("$$ abc $", SqlTokenKind.String)]
    [InlineData("$tag$ abc $$", SqlTokenKind.String)]
    [InlineData("/* abc *", SqlTokenKind.BlockComment)]
    public void An_unterminated_string_quoted_name_or_comment_is_one_last_token_marked_unterminated(string tail, SqlTokenKind kind)
    {
        var tokens = SqlLexer.Tokenize("SELECT " + tail).ToList();
        var last = tokens[^1];
        Assert.Equal((kind, tail), (last.Kind, last.Text));
        Assert.True(last.IsUnterminated);
        Assert.Equal(3, tokens.Count);
    }

    [Fact]
    public void An_unterminated_nested_comment_runs_to_the_end()
    {
        var token = SqlLexer.Tokenize("/* a /* b */ c", Nested).Single();
        Assert.True(token.IsUnterminated);
        Assert.Equal("a /* b */ c", token.CommentText);
    }

    [Fact]
    public void Empty_and_doubled_quotes_stay_inside_their_token()
    {
        Assert.Equal([(SqlTokenKind.String, "''"), (SqlTokenKind.Symbol, ","), (SqlTokenKind.String, "''''"), (SqlTokenKind.Symbol, ","), (SqlTokenKind.QuotedIdentifier, "\"a\"\"b\"\"\"")],
            Code("'', '''', \"a\"\"b\"\"\""));
        Assert.Equal("a\"b\"", SqlLexer.Tokenize("\"a\"\"b\"\"\"").Single().Identifier);
    }

    [Fact]
    public void Parameters_are_at_and_a_name_and_nothing_else()
    {
        Assert.Equal(
            [(SqlTokenKind.Parameter, "@who"), (SqlTokenKind.Symbol, "@"), (SqlTokenKind.Word, "x"), (SqlTokenKind.Word, "a"), (SqlTokenKind.Symbol, "@"),
             (SqlTokenKind.Symbol, ">"), (SqlTokenKind.Word, "b"), (SqlTokenKind.String, "'@who'"), (SqlTokenKind.QuotedIdentifier, "\"@who\"")],
            Code("@who @ x a @> b '@who' \"@who\""));
    }

    [Fact]
    public void Depth_counts_parentheses_and_a_parenthesis_belongs_to_its_inside()
    {
        var depths = SqlLexer.Tokenize("f(a, (b)) c ')'").SkipTrivia().Select(t => $"{t.Text}:{t.Depth}");
        Assert.Equal(["f:0", "(:1", "a:1", ",:1", "(:2", "b:2", "):2", "):1", "c:0", "')':0"], depths);
    }

    [Fact]
    public void A_directive_line_is_one_line_comment_token_without_its_line_break()
    {
        var tokens = SqlLexer.Tokenize("-- retort:batched key=id\r\nUPDATE t SET a = 1").ToList();
        Assert.Equal(SqlTokenKind.LineComment, tokens[0].Kind);
        Assert.Equal("-- retort:batched key=id\r", tokens[0].Text);
        Assert.Equal(" key=id", SqlDirectives.Arguments(tokens[0].Span, "batched"));
        Assert.Null(SqlDirectives.Arguments(tokens[0].Span, "no-transaction"));
        Assert.Equal("", SqlDirectives.Arguments("--retort: no-transaction", "no-transaction"));
        Assert.Equal(1, SqlDirectives.Count("-- retort:batched\nUPDATE t SET a = '\n-- retort:batched\n';", "batched"));
    }

    [Fact]
    public void Reading_can_start_at_a_token_inside_the_text_and_stops_where_the_loop_stops()
    {
        Assert.Equal([(SqlTokenKind.Word, "b"), (SqlTokenKind.String, "'c'")], SqlLexer.Tokenize("a; b 'c'", 3).SkipTrivia().Select(t => (t.Kind, t.Text)));
        Assert.True(SqlLexer.Tokenize("-- only\nfirst " + new string('x', 100_000)).SkipTrivia().TryFirst(out var first));
        Assert.Equal("first", first.Text);
        Assert.False(SqlLexer.Tokenize("  -- only a comment").SkipTrivia().TryFirst(out _));
        Assert.Empty(SqlLexer.Tokenize(""));
    }
}
