using Retort.Sql;

namespace Retort.PostgreSql.Internal;

/// <summary>Small helpers for SQL text PostgreSQL gives back (check and index conditions).</summary>
internal static class SqlExpressions
{
    /// <summary>Removes parentheses that enclose the whole expression, as PostgreSQL adds around conditions.</summary>
    public static string StripOuterParentheses(string text)
    {
        var s = text.Trim();
        while (s.Length >= 2 && s[0] == '(' && s[^1] == ')' && ClosingOf(s) == s.Length - 1)
            s = s[1..^1].Trim();
        return s;
    }

    // Where the parenthesis that closes the one at the start of 's' is (outside strings and quoted names), or -1.
    private static int ClosingOf(string s)
    {
        foreach (var token in SqlLexer.Tokenize(s, PostgreSqlDialect.Flavor).SkipTrivia())
            if (token.Depth == 1 && token.IsSymbol(')')) return token.Start;
        return -1;
    }
}
