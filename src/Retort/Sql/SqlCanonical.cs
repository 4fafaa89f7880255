using System.Globalization;
using System.Text;

namespace Retort.Sql;

/// <summary>
/// A comparison key for a SQL expression, so that an expression as written in C# and as a database prints it back
/// compare equal.
/// </summary>
public static class SqlCanonical
{
    /// <summary>
    /// The key: the spelling differences databases introduce when they store and print an expression back (case,
    /// spacing, parentheses, quoted names, <c>::type</c> casts, numbers written as strings) and comments removed. Two
    /// expressions with the same key are treated as the same.
    /// </summary>
    public static string Key(string sql)
    {
        // Only '…' and "…" are read as quotes: a database prints an expression back with nothing else.
        var tokens = SqlLexer.Tokenize(sql, SqlFlavor.Standard).ToList();
        var sb = new StringBuilder(sql.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment:
                    break;
                case SqlTokenKind.String:
                    // '-100'::integer and -100 mean the same number.
                    var inner = token.Length >= 2 ? sql.AsSpan(token.Start + 1, token.Length - 2) : token.Span;
                    sb.Append(decimal.TryParse(inner, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? inner : token.Span);
                    break;
                case SqlTokenKind.QuotedIdentifier:
                    sb.Append(sql.AsSpan(token.Start + 1, Math.Max(0, token.Length - (token.IsUnterminated ? 1 : 2))).ToString().ToLowerInvariant());
                    break;
                case SqlTokenKind.Symbol when token.IsSymbol(':') && i + 1 < tokens.Count && tokens[i + 1].IsSymbol(':'):
                    i = SkipCast(tokens, i + 2) - 1;
                    break;
                default:
                    foreach (var c in token.Span)
                        if (c is not ('(' or ')')) sb.Append(char.ToLowerInvariant(c));
                    break;
            }
        }
        return sb.ToString();
    }

    // The index of the first token after the type of a cast whose '::' ends before 'i': name, name(args),
    // "name", schema.name, name[] and multi-word names (character varying, timestamp with time zone).
    private static int SkipCast(List<SqlToken> tokens, int i)
    {
        while (true)
        {
            var at = SkipSpaces(tokens, i);
            var word = new StringBuilder();
            var end = at;
            while (end < tokens.Count && (tokens[end].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.Number || tokens[end].IsSymbol('.'))
                   && (end == at || tokens[end].Start == tokens[end - 1].End))
                word.Append(tokens[end++].Span);
            if (end == at) return i;
            i = end;
            if (i < tokens.Count && tokens[i].IsSymbol('('))
            {
                var depth = tokens[i].Depth;
                while (++i < tokens.Count && !(tokens[i].IsSymbol(')') && tokens[i].Depth == depth)) { }
                i = Math.Min(i + 1, tokens.Count);
            }
            while (i + 1 < tokens.Count && tokens[i].IsSymbol('[') && tokens[i + 1].IsSymbol(']')) i += 2;
            var peek = SkipSpaces(tokens, i);
            var following = peek < tokens.Count && tokens[peek].Kind == SqlTokenKind.Word ? tokens[peek].Text.ToLowerInvariant() : "";
            var name = word.ToString().ToLowerInvariant();
            if (!(name is "character" or "double" or "timestamp" or "time" or "bit" && following is "varying" or "precision" or "with" or "without" or "zone" or "time")
                && !(following is "zone" or "time" && name is "with" or "without" or "time"))
                return i;
            i = peek;
        }
    }

    private static int SkipSpaces(List<SqlToken> tokens, int i)
    {
        while (i < tokens.Count && tokens[i].Kind == SqlTokenKind.Whitespace) i++;
        return i;
    }
}
