using Retort.Sql;

namespace Retort.Sqlite.Internal;

/// <summary>SQLite's SQL text as Retort's lexer reads it, for the stored definitions the rebuild and reflection parse.</summary>
internal static class SqliteSql
{
    /// <summary>SQLite's forms: <c>[name]</c> and <c>`name`</c> are quoted names; no <c>E'…'</c>, dollar quotes or nested comments.</summary>
    public static readonly SqlFlavor Flavor = new() { BracketIdentifiers = true, BacktickIdentifiers = true };

    /// <summary>The tokens of a stored statement without white space; comments stay (Retort keeps comments in them).</summary>
    public static List<SqlToken> Tokenize(string sql) => SqlLexer.Tokenize(sql, Flavor).SkipWhitespace().ToList();

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
