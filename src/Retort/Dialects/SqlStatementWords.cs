using Retort.Internal;

namespace Retort.Dialects;

/// <summary>
/// Classifies a statement given as text (a SQL revision's, <c>op.Execute</c>'s) by its words, read with Retort's
/// one SQL lexer: comments, string literals (<c>'…'</c>, <c>E'…'</c>, <c>$tag$…$tag$</c>) and quoted names are
/// skipped, so a comment before a statement, or a keyword inside a string, never changes how it is classified.
/// </summary>
public static class SqlStatementWords
{
    /// <summary>
    /// The statement's first <paramref name="count"/> tokens (fewer when it has fewer): words in upper case,
    /// quoted names, literals and symbols as written. Comments and white space are not tokens.
    /// </summary>
    public static IReadOnlyList<string> Leading(string sql, int count) =>
        SqlTokenizer.Tokens(sql).Take(count).Select(t => t.Kind == SqlTokenizer.TokenKind.Word ? t.Text.ToUpperInvariant() : t.Text).ToList();

    /// <summary>The statement's first word in upper case, or "" when it starts with something else or holds only comments.</summary>
    public static string First(string sql) =>
        SqlTokenizer.Tokens(sql).FirstOrDefault() is { Kind: SqlTokenizer.TokenKind.Word, Text: { } word } ? word.ToUpperInvariant() : "";

    /// <summary>True when <paramref name="keyword"/> occurs as a bare word, outside comments, literals and quoted names.</summary>
    public static bool Contains(string sql, string keyword) => SqlTokenizer.Tokens(sql).Any(t => t.Is(keyword));

    /// <summary>The statement from its first token on: the comments and white space before it removed.</summary>
    public static string WithoutLeadingComments(string sql) =>
        SqlTokenizer.Tokens(sql).FirstOrDefault() is { End: > 0 } t ? sql[t.Start..] : sql.Trim();
}
