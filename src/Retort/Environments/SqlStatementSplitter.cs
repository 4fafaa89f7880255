using System.Text;

namespace Retort.Environments;

/// <summary>
/// Splits a SQL script into statements at top-level semicolons. Semicolons inside string literals (PostgreSQL's
/// <c>E'…'</c> with backslash escapes too), quoted identifiers (<c>"…"</c>, <c>`…`</c>, <c>[…]</c>), parentheses,
/// comments (<c>--</c>, <c>/* */</c>), PostgreSQL dollar-quoted bodies (<c>$$…$$</c>, <c>$tag$…$tag$</c>),
/// <c>BEGIN … END</c> bodies of <c>CREATE TRIGGER</c> and <c>BEGIN ATOMIC … END</c> bodies of SQL functions and
/// procedures do not split.
/// Comments are kept inside the statements they belong to; blank and comment-only pieces are dropped.
/// </summary>
public static class SqlStatementSplitter
{
    /// <summary>The statements, trimmed, without their terminating semicolons.</summary>
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        var words = new List<string>();
        var lastWord = "";
        var blockDepth = 0;
        var parenDepth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            int end;
            if (c == '-' && next == '-')
            {
                end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length : end + 2;
            }
            else if (c is 'E' or 'e' && next == '\'' && (i == 0 || !(char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] is '_' or '$')))
            {
                end = SkipEscapedString(sql, i + 1);
                hasCode = true;
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                end = Operations.SqlText.SkipQuoted(sql, i, c == '[' ? ']' : c);
                hasCode = true;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = close < 0 ? sql.Length : close + tag.Length;
                hasCode = true;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                end = i;
                while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] is '_' or '$')) end++;
                var word = sql[i..end].ToUpperInvariant();
                if (words.Count < 4) words.Add(word);
                if (IsTrigger(words))
                {
                    if (word is "BEGIN" or "CASE") blockDepth++;
                    else if (word == "END" && blockDepth > 0) blockDepth--;
                }
                else if (IsRoutine(words))
                {
                    if (word == "ATOMIC" && lastWord == "BEGIN") blockDepth++;
                    else if (blockDepth > 0 && word == "CASE") blockDepth++;
                    else if (blockDepth > 0 && word == "END") blockDepth--;
                }
                lastWord = word;
                hasCode = true;
            }
            else if (c == ';' && blockDepth == 0 && parenDepth == 0)
            {
                if (hasCode) statements.Add(current.ToString().Trim());
                current.Clear();
                hasCode = false;
                words.Clear();
                lastWord = "";
                i++;
                continue;
            }
            else
            {
                end = i + 1;
                if (c == '(') parenDepth++;
                else if (c == ')' && parenDepth > 0) parenDepth--;
                if (!char.IsWhiteSpace(c)) hasCode = true;
            }
            current.Append(sql, i, end - i);
            i = end;
        }
        if (hasCode) statements.Add(current.ToString().Trim());
        return statements;
    }

    private static bool IsTrigger(List<string> words) =>
        words.Count >= 2 && words[0] == "CREATE" &&
        (words[1] == "TRIGGER" || (words.Count >= 3 && words[1] is "TEMP" or "TEMPORARY" && words[2] == "TRIGGER"));

    // CREATE [OR REPLACE] FUNCTION|PROCEDURE: a BEGIN ATOMIC body holds statements of its own.
    private static bool IsRoutine(List<string> words) =>
        words.Count >= 2 && words[0] == "CREATE" &&
        (words[1] is "FUNCTION" or "PROCEDURE" || (words.Count >= 4 && words[1] == "OR" && words[2] == "REPLACE" && words[3] is "FUNCTION" or "PROCEDURE"));

    /// <summary>The index after a PostgreSQL <c>E'…'</c> string starting at the quote <paramref name="quote"/>.</summary>
    internal static int SkipEscapedString(string sql, int quote)
    {
        var i = quote + 1;
        while (i < sql.Length)
        {
            if (sql[i] == '\\') i += 2;
            else if (sql[i] == '\'' && i + 1 < sql.Length && sql[i + 1] == '\'') i += 2;
            else if (sql[i] == '\'') return i + 1;
            else i++;
        }
        return sql.Length;
    }

    internal static string? DollarTag(string sql, int start)
    {
        var i = start + 1;
        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
        if (i < sql.Length && sql[i] == '$' && (i == start + 1 || !char.IsDigit(sql[start + 1])))
            return sql[start..(i + 1)];
        return null;
    }
}
