using System.Text;

namespace Retort.Operations;

/// <summary>
/// Identifier-aware helpers for SQL fragments held in the model (check conditions, partial index
/// conditions): find or rename a column name without touching string literals or longer identifiers.
/// </summary>
public static class SqlText
{
    /// <summary>True when <paramref name="sql"/> mentions <paramref name="identifier"/> as a whole identifier.</summary>
    public static bool MentionsIdentifier(string sql, string identifier) =>
        RenameIdentifier(sql, identifier, identifier + "\u0001") != sql;

    /// <summary>
    /// Replaces whole-identifier occurrences of <paramref name="from"/> (bare, or in double quotes, brackets or
    /// backticks) by <paramref name="to"/>, leaving string literals alone. Comparison is case-insensitive for bare
    /// identifiers, as SQL folds them.
    /// </summary>
    public static string RenameIdentifier(string sql, string from, string to)
    {
        var sb = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var end = SkipQuoted(sql, i, '\'');
                sb.Append(sql, i, end - i);
                i = end;
            }
            else if (c is '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var end = SkipQuoted(sql, i, close);
                var inner = sql.Substring(i + 1, Math.Max(0, end - i - 2)).Replace(new string(close, 2), close.ToString());
                if (inner == from) sb.Append(c).Append(to.Replace(close.ToString(), new string(close, 2))).Append(close);
                else sb.Append(sql, i, end - i);
                i = end;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
                var word = sql[start..i];
                var qualified = start > 0 && sql[start - 1] == '.' ;
                sb.Append(!qualified && string.Equals(word, from, StringComparison.OrdinalIgnoreCase) ? to : word);
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    private static int SkipQuoted(string sql, int start, char close)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }
}
