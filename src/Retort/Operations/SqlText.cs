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
    /// identifiers, as SQL folds them. A bare occurrence is replaced by <paramref name="to"/> in double quotes, a quoted
    /// one keeps its quotes.
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
                // The new name is written quoted: it may be a keyword ("order"), hold any character, or differ in case.
                sb.Append(!qualified && string.Equals(word, from, StringComparison.OrdinalIgnoreCase) ? "\"" + to.Replace("\"", "\"\"") + "\"" : word);
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A comparison key for a SQL expression: the spelling differences databases introduce when they store and
    /// print an expression back (case, spacing, parentheses, quoted identifiers, <c>::type</c> casts, numbers
    /// written as strings) are removed. Two expressions with the same key are treated as the same by autogenerate.
    /// </summary>
    public static string Canonical(string sql)
    {
        var sb = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var end = SkipQuoted(sql, i, '\'');
                var literal = sql[i..end];
                var inner = literal.Length >= 2 ? literal[1..^1] : literal;
                // '-100'::integer and -100 mean the same number.
                sb.Append(decimal.TryParse(inner, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) ? inner : literal);
                i = end;
            }
            else if (c == '"')
            {
                var end = SkipQuoted(sql, i, '"');
                sb.Append(sql[(i + 1)..Math.Max(i + 1, end - 1)].ToLowerInvariant());
                i = end;
            }
            else if (c == ':' && i + 1 < sql.Length && sql[i + 1] == ':')
            {
                // Drop a cast: ::name, ::name(args), ::"name", ::name[] and multi-word names like character varying.
                i += 2;
                while (i < sql.Length)
                {
                    while (i < sql.Length && sql[i] == ' ') i++;
                    var start = i;
                    while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '"' or '.')) i++;
                    if (i == start) break;
                    var word = sql[start..i].ToLowerInvariant();
                    if (i < sql.Length && sql[i] == '(') { var depth = 0; do { if (sql[i] == '(') depth++; else if (sql[i] == ')') depth--; i++; } while (i < sql.Length && depth > 0); }
                    while (i + 1 < sql.Length && sql[i] == '[' && sql[i + 1] == ']') i += 2;
                    var peek = i;
                    while (peek < sql.Length && sql[peek] == ' ') peek++;
                    var next = peek;
                    while (next < sql.Length && char.IsLetter(sql[next])) next++;
                    var following = sql[peek..next].ToLowerInvariant();
                    if (!(word is "character" or "double" or "timestamp" or "time" or "bit" && following is "varying" or "precision" or "with" or "without" or "zone" or "time")
                        && !(following is "zone" or "time" && word is "with" or "without" or "time"))
                        break;
                    i = peek;
                }
            }
            else if (char.IsWhiteSpace(c) || c is '(' or ')') i++;
            else { sb.Append(char.ToLowerInvariant(c)); i++; }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The index just past the quoted text that starts at <paramref name="start"/> and closes with
    /// <paramref name="close"/> (a doubled close character is an escaped one, except for <c>]</c>).
    /// </summary>
    internal static int SkipQuoted(string sql, int start, char close)
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
