using Retort.Environments;
using Retort.Operations;

namespace Retort.Internal;

/// <summary>
/// Reads SQL text the way the statement splitter does: comments, literals (<c>'…'</c>, <c>E'…'</c>,
/// <c>$tag$…$tag$</c>), quoted names and words, with parenthesis depth. Used where Retort must understand a clause
/// it passes on (a batched UPDATE in a SQL revision, a backfill's SET clause), never to rewrite SQL it does not need to.
/// </summary>
internal static class SqlTokenizer
{
    internal enum PieceKind { LineComment, BlockComment, Literal, QuotedName, Word, Other }

    /// <summary>
    /// The code cut into comments, literals (<c>'…'</c>, PostgreSQL's <c>E'…'</c> and <c>$tag$…$tag$</c>), quoted
    /// names, words and single other characters, read as the statement splitter reads them.
    /// </summary>
    internal static IEnumerable<(PieceKind Kind, int Start, int End)> Pieces(string code)
    {
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            int end;
            PieceKind kind;
            if (c == '-' && next == '-')
            {
                end = code.IndexOf('\n', i);
                (end, kind) = (end < 0 ? code.Length : end, PieceKind.LineComment);
            }
            else if (c == '/' && next == '*')
            {
                end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                (end, kind) = (end < 0 ? code.Length : end + 2, PieceKind.BlockComment);
            }
            else if (c is 'E' or 'e' && next == '\'')
                (end, kind) = (SqlStatementSplitter.SkipEscapedString(code, i + 1), PieceKind.Literal);
            else if (c == '\'')
                (end, kind) = (SqlText.SkipQuoted(code, i, '\''), PieceKind.Literal);
            else if (c is '"' or '`' or '[')
                (end, kind) = (SqlText.SkipQuoted(code, i, c == '[' ? ']' : c), PieceKind.QuotedName);
            else if (c == '$' && SqlStatementSplitter.DollarTag(code, i) is { } tag)
            {
                var close = code.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                (end, kind) = (close < 0 ? code.Length : close + tag.Length, PieceKind.Literal);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                end = i;
                while (end < code.Length && (char.IsLetterOrDigit(code[end]) || code[end] is '_' or '$')) end++;
                kind = PieceKind.Word;
            }
            else (end, kind) = (i + 1, PieceKind.Other);
            yield return (kind, i, end);
            i = end;
        }
    }

    internal enum TokenKind { Word, Identifier, Other }

    internal readonly record struct Token(TokenKind Kind, string Text, string Name, int Start, int End, int Depth)
    {
        public bool Is(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Words, quoted names, literals and single characters with their parenthesis depth; comments and white space
    /// are skipped. A bare word's name is folded as PostgreSQL folds it, ASCII letters to lower case (SQLite
    /// matches names without regard to case); a quoted name is kept as written.
    /// </summary>
    internal static List<Token> Tokenize(string code) => Tokens(code).ToList();

    /// <summary>
    /// <see cref="Tokenize"/>'s tokens, read lazily: classifying a statement by its first words reads no further.
    /// </summary>
    internal static IEnumerable<Token> Tokens(string code)
    {
        var depth = 0;
        foreach (var (kind, start, end) in Pieces(code))
        {
            var text = code[start..end];
            switch (kind)
            {
                case PieceKind.LineComment or PieceKind.BlockComment:
                    continue;
                case PieceKind.Word:
                    yield return new Token(TokenKind.Word, text, FoldAscii(text), start, end, depth);
                    continue;
                case PieceKind.QuotedName:
                    yield return new Token(TokenKind.Identifier, text, Unquote(text), start, end, depth);
                    continue;
                case PieceKind.Literal:
                    yield return new Token(TokenKind.Other, text, "", start, end, depth);
                    continue;
            }
            if (char.IsWhiteSpace(text[0])) continue;
            if (text == "(") depth++;
            yield return new Token(TokenKind.Other, text, "", start, end, depth);
            if (text == ")") depth = Math.Max(0, depth - 1);
        }
    }

    internal static string Unquote(string quoted)
    {
        var close = quoted[0] == '[' ? ']' : quoted[0];
        var inner = quoted.Length >= 2 && quoted[^1] == close ? quoted[1..^1] : quoted[1..];
        return inner.Replace(new string(close, 2), close.ToString());
    }

    internal static string FoldAscii(string word) =>
        string.Create(word.Length, word, (span, w) =>
        {
            for (var i = 0; i < w.Length; i++) span[i] = w[i] is >= 'A' and <= 'Z' ? (char)(w[i] + 32) : w[i];
        });
}
