using System.Text;

namespace Retort.Sql;

/// <summary>
/// Names in SQL text: find or rename a column or table name where it stands as a whole name (a bare word or a quoted
/// name), never inside strings, comments, longer names or after a qualifier's dot.
/// </summary>
public static class SqlIdentifiers
{
    /// <summary>
    /// True when <paramref name="sql"/> names <paramref name="identifier"/> as a whole name: a bare word equal to it in
    /// any case (SQL folds bare names) or a quoted name equal to it exactly; a qualified <c>t.name</c> does not count.
    /// </summary>
    public static bool Mentions(string sql, string identifier, SqlFlavor? flavor = null)
    {
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
            if (Matches(token, identifier)) return true;
        return false;
    }

    /// <summary>
    /// Replaces the whole-name occurrences of <paramref name="from"/> (as <see cref="Mentions"/> finds them) by
    /// <paramref name="to"/>: a bare occurrence becomes <paramref name="to"/> in double quotes (it may be a keyword,
    /// hold any character or differ in case), a quoted one keeps its quotes. Everything else is kept as written.
    /// </summary>
    public static string Rename(string sql, string from, string to, SqlFlavor? flavor = null)
    {
        StringBuilder? sb = null;
        var copied = 0;
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
        {
            if (!Matches(token, from)) continue;
            sb ??= new StringBuilder(sql.Length + to.Length + 8);
            sb.Append(sql, copied, token.Start - copied);
            if (token.Kind == SqlTokenKind.Word) sb.Append(Quote(to, '"', '"'));
            else
            {
                var open = sql[token.Start];
                sb.Append(Quote(to, open, open == '[' ? ']' : open));
            }
            copied = token.End;
        }
        return sb is null ? sql : sb.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary>
    /// A quoted name without its quotes (<c>"…"</c>, <c>`…`</c>, <c>[…]</c>), a doubled closing quote made single;
    /// a name missing its closing quote loses only the opening one.
    /// </summary>
    public static string Unquote(string quoted)
    {
        if (quoted.Length == 0) return quoted;
        var close = quoted[0] == '[' ? ']' : quoted[0];
        var inner = quoted.Length >= 2 && quoted[^1] == close ? quoted[1..^1] : quoted[1..];
        return inner.Replace(new string(close, 2), close.ToString());
    }

    /// <summary>A bare name folded to lower case, ASCII letters only, as databases that fold unquoted names to lower case read it.</summary>
    public static string Fold(string word)
    {
        var i = 0;
        while (i < word.Length && word[i] is not (>= 'A' and <= 'Z')) i++;
        if (i == word.Length) return word;
        return string.Create(word.Length, word, (span, w) =>
        {
            for (var k = 0; k < w.Length; k++) span[k] = w[k] is >= 'A' and <= 'Z' ? (char)(w[k] + 32) : w[k];
        });
    }

    private static bool Matches(SqlToken token, string name)
    {
        if (token.Kind == SqlTokenKind.Word)
            return (token.Start == 0 || token.Source[token.Start - 1] != '.') && token.Span.Equals(name, StringComparison.OrdinalIgnoreCase);
        return token.Kind == SqlTokenKind.QuotedIdentifier && !token.IsUnterminated && token.Identifier == name;
    }

    private static string Quote(string name, char open, char close) => open + name.Replace(close.ToString(), new string(close, 2)) + close;
}
