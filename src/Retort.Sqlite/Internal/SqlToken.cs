namespace Retort.Sqlite.Internal;

/// <summary>Kinds of tokens in SQLite DDL.</summary>
internal enum TokenKind { Word, Quoted, String, Number, Symbol, Comment }

/// <summary>One token with its place in the source text.</summary>
internal readonly record struct SqlToken(TokenKind Kind, string Text, int Start, int End)
{
    /// <summary>The identifier value (quotes removed) of a word or quoted identifier.</summary>
    public string Identifier => Kind == TokenKind.Quoted ? Unquote(Text) : Text;

    public bool Is(string word) => Kind == TokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char c) => Kind == TokenKind.Symbol && Text.Length == 1 && Text[0] == c;

    private static string Unquote(string text)
    {
        var open = text[0];
        var close = open == '[' ? ']' : open;
        var inner = text[1..^1];
        return open == '[' ? inner : inner.Replace(new string(close, 2), close.ToString());
    }
}
