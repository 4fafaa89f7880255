using System.Text;

namespace Retort.Sql;

/// <summary>Named parameters (<c>@name</c>) in SQL text.</summary>
public static class SqlParameters
{
    /// <summary>
    /// The text with each <c>@name</c> parameter that <paramref name="values"/> holds replaced by its value as a literal
    /// (for an offline script). Only parameters in code are replaced: an <c>@name</c> inside a string, a comment, a
    /// dollar-quoted body or a quoted name is text, and stays as written; so does a parameter without a value.
    /// </summary>
    /// <param name="sql">The statement.</param>
    /// <param name="values">Values by name, without <c>@</c>.</param>
    /// <param name="renderLiteral">Writes a value as a literal of the database (escaped).</param>
    /// <param name="flavor">The database's forms; null reads with <see cref="SqlFlavor.Lenient"/>.</param>
    public static string Render(string sql, IReadOnlyDictionary<string, object?> values, Func<object?, string> renderLiteral, SqlFlavor? flavor = null)
    {
        if (values.Count == 0) return sql;
        StringBuilder? sb = null;
        var copied = 0;
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
        {
            if (token.Kind != SqlTokenKind.Parameter || !values.TryGetValue(sql[(token.Start + 1)..token.End], out var value)) continue;
            sb ??= new StringBuilder(sql.Length + 16);
            sb.Append(sql, copied, token.Start - copied).Append(renderLiteral(value));
            copied = token.End;
        }
        return sb is null ? sql : sb.Append(sql, copied, sql.Length - copied).ToString();
    }
}
