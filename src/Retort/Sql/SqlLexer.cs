namespace Retort.Sql;

/// <summary>
/// Retort's one SQL lexer: cuts SQL text into <see cref="SqlToken"/>s (white space, comments, words, quoted names,
/// strings, numbers, parameters, symbols) the way the database of a <see cref="SqlFlavor"/> reads it. Everything in
/// Retort that reads SQL text (statement splitting, directives, classifying statements, renaming identifiers,
/// rendering parameters, SQLite's stored <c>CREATE TABLE</c>) reads it through this type.
/// </summary>
/// <remarks>
/// The lexer never fails: a string, quoted name or block comment the text ends inside becomes one last token marked
/// <see cref="SqlToken.IsUnterminated"/>, so text is passed on as written and the database reports the error.
/// Tokens are read lazily, one at a time, by a struct enumerator: <c>foreach</c> over a stream allocates nothing.
/// </remarks>
public static class SqlLexer
{
    /// <summary>Every token of <paramref name="sql"/>, white space and comments included, read lazily.</summary>
    /// <param name="sql">The text.</param>
    /// <param name="flavor">The database's forms; null reads with <see cref="SqlFlavor.Lenient"/>.</param>
    public static SqlTokenStream Tokenize(string sql, SqlFlavor? flavor = null) => Tokenize(sql, 0, flavor);

    /// <summary>The tokens of <paramref name="sql"/> from <paramref name="start"/> on (which must be where a token starts).</summary>
    public static SqlTokenStream Tokenize(string sql, int start, SqlFlavor? flavor = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, sql.Length);
        return new SqlTokenStream(sql, start, flavor ?? SqlFlavor.Lenient, skipWhitespace: false, skipComments: false);
    }

    /// <summary>
    /// Reads the token that starts at <paramref name="start"/>: its kind, whether the text ends inside it, and where it
    /// ends (the return value).
    /// </summary>
    internal static int Scan(string sql, int start, SqlFlavor flavor, out SqlTokenKind kind, out bool unterminated)
    {
        unterminated = false;
        var i = start;
        var c = sql[i];
        var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
        // The forms that start with a particular character first (a jump table), then words, white space and numbers.
        switch (c)
        {
            case '-' when next == '-':
            {
                kind = SqlTokenKind.LineComment;
                var end = sql.IndexOf('\n', i + 2);
                return end < 0 ? sql.Length : end;
            }
            case '/' when next == '*':
            {
                kind = SqlTokenKind.BlockComment;
                var end = flavor.NestedComments ? NestedCommentEnd(sql, i) : sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 2 : -1;
                unterminated = end < 0;
                return unterminated ? sql.Length : end;
            }
            case '\'':
                kind = SqlTokenKind.String;
                return QuotedEnd(sql, start, '\'', out unterminated);
            case '"':
                kind = SqlTokenKind.QuotedIdentifier;
                return QuotedEnd(sql, start, '"', out unterminated);
            case '`' when flavor.BacktickIdentifiers:
                kind = SqlTokenKind.QuotedIdentifier;
                return QuotedEnd(sql, start, '`', out unterminated);
            case '[' when flavor.BracketIdentifiers:
            {
                kind = SqlTokenKind.QuotedIdentifier;
                var close = sql.IndexOf(']', i + 1);
                unterminated = close < 0;
                return unterminated ? sql.Length : close + 1;
            }
            case 'E' or 'e' when next == '\'' && flavor.EscapeStrings:
            {
                kind = SqlTokenKind.String;
                var end = EscapeStringEnd(sql, i + 1);
                unterminated = end < 0;
                return unterminated ? sql.Length : end;
            }
            case '$' when flavor.DollarQuotes && DollarTagLength(sql, i) is var tag and > 0:
            {
                kind = SqlTokenKind.String;
                var close = sql.AsSpan(i + tag).IndexOf(sql.AsSpan(i, tag), StringComparison.Ordinal);
                unterminated = close < 0;
                return unterminated ? sql.Length : i + tag + close + tag;
            }
            case '@' when char.IsLetter(next) || next == '_':
                kind = SqlTokenKind.Parameter;
                i += 2;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
                return i;
        }
        if (char.IsAsciiLetter(c) || c == '_' || (c > '\x7f' && char.IsLetter(c)))
        {
            kind = SqlTokenKind.Word;
            i++;
            while (i < sql.Length && (char.IsAsciiLetterOrDigit(c = sql[i]) || c is '_' or '$' || (c > '\x7f' && char.IsLetterOrDigit(c)))) i++;
            return i;
        }
        if (char.IsWhiteSpace(c))
        {
            kind = SqlTokenKind.Whitespace;
            i++;
            while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
            return i;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)) || (c > '\x7f' && char.IsDigit(c)))
        {
            kind = SqlTokenKind.Number;
            i++;
            while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.')) i++;
            return i;
        }
        kind = SqlTokenKind.Symbol;
        return i + 1;
    }

    // The end of a quoted run closed by 'close', in which a doubled 'close' stands for one.
    private static int QuotedEnd(string sql, int start, char close, out bool unterminated)
    {
        var i = start + 1;
        while (true)
        {
            var at = sql.IndexOf(close, i);
            if (at < 0)
            {
                unterminated = true;
                return sql.Length;
            }
            if (at + 1 < sql.Length && sql[at + 1] == close) { i = at + 2; continue; }
            unterminated = false;
            return at + 1;
        }
    }

    // After the quote that opens an E'…' string: a backslash escapes the next character, '' is one quote. -1 when unclosed.
    private static int EscapeStringEnd(string sql, int quote)
    {
        var i = quote + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\\') i += 2;
            else if (c == '\'' && i + 1 < sql.Length && sql[i + 1] == '\'') i += 2;
            else if (c == '\'') return i + 1;
            else i++;
        }
        return -1;
    }

    // After a /* that nests: each /* inside opens a level that its own */ closes. -1 when unclosed.
    private static int NestedCommentEnd(string sql, int open)
    {
        var level = 1;
        var i = open + 2;
        while (i + 1 < sql.Length)
        {
            if (sql[i] == '/' && sql[i + 1] == '*') { level++; i += 2; }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                i += 2;
                if (--level == 0) return i;
            }
            else i++;
        }
        return -1;
    }

    // The length of the $tag$ (or $$) opening a dollar-quoted string at 'start', or 0 when there is none there: a tag
    // is letters, digits and _ and does not start with a digit ($1 is a positional parameter).
    private static int DollarTagLength(string sql, int start)
    {
        var i = start + 1;
        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
        return i < sql.Length && sql[i] == '$' && (i == start + 1 || !char.IsDigit(sql[start + 1])) ? i + 1 - start : 0;
    }
}
