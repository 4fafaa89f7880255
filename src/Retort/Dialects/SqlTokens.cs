using Retort.Internal;

namespace Retort.Dialects;

/// <summary>
/// A statement's tokens read the way Retort's statement splitter reads SQL (comments, literals, quoted names), for
/// dialects that recognise a statement by its leading words.
/// </summary>
public static class SqlTokens
{
    /// <summary>
    /// The tokens outside parentheses, as written: words, quoted names, literals and single punctuation characters;
    /// comments and white space are skipped.
    /// </summary>
    public static IReadOnlyList<string> TopLevel(string sql) =>
        SqlTokenizer.Tokenize(sql).Where(t => t.Depth == 0 && t.Text != "(").Select(t => t.Text).ToList();

    /// <summary>True when token <paramref name="index"/> of <paramref name="tokens"/> is the keyword <paramref name="word"/> (any case).</summary>
    public static bool Is(IReadOnlyList<string> tokens, int index, string word) =>
        index >= 0 && index < tokens.Count && string.Equals(tokens[index], word, StringComparison.OrdinalIgnoreCase);
}
