namespace Retort.PostgreSql.Internal;

/// <summary>Small helpers for SQL text PostgreSQL gives back (check and index conditions).</summary>
internal static class SqlExpressions
{
    /// <summary>Removes parentheses that enclose the whole expression, as PostgreSQL adds around conditions.</summary>
    public static string StripOuterParentheses(string text)
    {
        var s = text.Trim();
        while (s.Length >= 2 && s[0] == '(' && s[^1] == ')' && ClosingOf(s, 0) == s.Length - 1)
            s = s[1..^1].Trim();
        return s;
    }

    // Index of the parenthesis closing the one at 'open', skipping string literals and quoted identifiers.
    private static int ClosingOf(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\'' or '"')
            {
                i++;
                while (i < s.Length && !(s[i] == c && (i + 1 >= s.Length || s[i + 1] != c))) i += s[i] == c ? 2 : 1;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        return -1;
    }
}
