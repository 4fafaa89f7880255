namespace Retort.Sqlite.Internal;

/// <summary>Splits SQLite DDL into tokens, keeping comments (Retort stores comments in them).</summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                tokens.Add(new(TokenKind.Comment, sql[(start + 2)..i].Trim(), start, i));
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                tokens.Add(new(TokenKind.Comment, sql[(start + 2)..(end < 0 ? sql.Length : end)].Trim(), start, i));
            }
            else if (c is '"' or '`' or '[' or '\'')
            {
                var close = c == '[' ? ']' : c;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
                tokens.Add(new(c == '\'' ? TokenKind.String : TokenKind.Quoted, sql[start..i], start, i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
                tokens.Add(new(TokenKind.Word, sql[start..i], start, i));
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsDigit(sql[i + 1])))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.')) i++;
                tokens.Add(new(TokenKind.Number, sql[start..i], start, i));
            }
            else
            {
                i++;
                tokens.Add(new(TokenKind.Symbol, c.ToString(), start, i));
            }
        }
        return tokens;
    }

    /// <summary>Index of the parenthesis closing the one at <paramref name="open"/>.</summary>
    public static int MatchParen(List<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol('(')) depth++;
            else if (tokens[i].IsSymbol(')') && --depth == 0) return i;
        }
        throw new RetortException("Unbalanced parentheses in SQLite table definition.");
    }
}
