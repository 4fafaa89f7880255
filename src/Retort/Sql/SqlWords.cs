using System.Text;

namespace Retort.Sql;

/// <summary>
/// Reads a statement by its words, as <see cref="SqlLexer"/> reads it: comments, strings and quoted names are never
/// words, so a comment before a statement or a keyword inside a string does not change how it is classified.
/// </summary>
public static class SqlWords
{
    /// <summary>The statement's first word in upper case, or "" when it starts with something else or holds only comments.</summary>
    public static string First(string sql, SqlFlavor? flavor = null) =>
        SqlLexer.Tokenize(sql, flavor).SkipTrivia().TryFirst(out var token) && token.Kind == SqlTokenKind.Word ? token.Text.ToUpperInvariant() : "";

    /// <summary>True when the statement's first token is one of <paramref name="keywords"/> (any case).</summary>
    public static bool StartsWithAny(string sql, SqlFlavor? flavor, params ReadOnlySpan<string> keywords)
    {
        if (!SqlLexer.Tokenize(sql, flavor).SkipTrivia().TryFirst(out var token)) return false;
        foreach (var keyword in keywords)
            if (token.Is(keyword)) return true;
        return false;
    }

    /// <summary>
    /// The statement's first <paramref name="count"/> tokens (fewer when it has fewer): words in upper case, quoted
    /// names, strings and symbols as written.
    /// </summary>
    public static IReadOnlyList<string> Leading(string sql, int count, SqlFlavor? flavor = null)
    {
        var result = new List<string>(count);
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
        {
            if (result.Count == count) break;
            result.Add(token.Kind == SqlTokenKind.Word ? token.Text.ToUpperInvariant() : token.Text);
        }
        return result;
    }

    /// <summary>True when <paramref name="keyword"/> occurs as a bare word anywhere in the statement (any case, any depth).</summary>
    public static bool Contains(string sql, string keyword, SqlFlavor? flavor = null)
    {
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
            if (token.Is(keyword)) return true;
        return false;
    }

    /// <summary>The statement's code tokens outside parentheses, in order (a parenthesised part is left out whole).</summary>
    public static IReadOnlyList<SqlToken> TopLevel(string sql, SqlFlavor? flavor = null)
    {
        var result = new List<SqlToken>();
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
            if (token.Depth == 0) result.Add(token);
        return result;
    }

    /// <summary>True when token <paramref name="index"/> of <paramref name="tokens"/> is the bare word <paramref name="keyword"/> (any case).</summary>
    public static bool Is(IReadOnlyList<SqlToken> tokens, int index, string keyword) =>
        index >= 0 && index < tokens.Count && tokens[index].Is(keyword);

    /// <summary>The statement from its first code token on: the white space and comments before it removed.</summary>
    public static string WithoutLeadingComments(string sql, SqlFlavor? flavor = null) =>
        SqlLexer.Tokenize(sql, flavor).SkipTrivia().TryFirst(out var token) ? sql[token.Start..] : sql.Trim();

    /// <summary>The statement with every comment replaced by one space; strings and quoted names are kept as written.</summary>
    public static string WithoutComments(string sql, SqlFlavor? flavor = null)
    {
        StringBuilder? sb = null;
        var copied = 0;
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipWhitespace())
        {
            if (!token.IsComment) continue;
            sb ??= new StringBuilder(sql.Length);
            sb.Append(sql, copied, token.Start - copied).Append(' ');
            copied = token.End;
        }
        return sb is null ? sql : sb.Append(sql, copied, sql.Length - copied).ToString();
    }
}
