namespace Retort.Sql;

/// <summary>
/// Retort's directive lines in SQL text: line comments of the form <c>-- retort:name [arguments]</c> (spacing free:
/// <c>--retort:name</c>, <c>-- retort: name</c>). A directive is a comment token as <see cref="SqlLexer"/> reads it,
/// so the same words inside a string, a block comment or a dollar-quoted body are no directive.
/// </summary>
public static class SqlDirectives
{
    /// <summary>What follows <c>--</c> in every directive, before its name.</summary>
    public const string Prefix = "retort:";

    /// <summary>
    /// The text after the directive's name (untrimmed, "" when there is none) when <paramref name="line"/> is the
    /// directive <paramref name="name"/>, or null when it is not.
    /// </summary>
    /// <param name="line">A line comment's text, <c>--</c> included (white space around it is ignored).</param>
    /// <param name="name">The directive's name, such as <c>batched</c>.</param>
    public static string? Arguments(ReadOnlySpan<char> line, string name)
    {
        line = line.Trim();
        if (!line.StartsWith("--", StringComparison.Ordinal)) return null;
        var rest = line[2..].TrimStart();
        if (!rest.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        rest = rest[Prefix.Length..].TrimStart();
        return rest.StartsWith(name, StringComparison.OrdinalIgnoreCase) && (rest.Length == name.Length || char.IsWhiteSpace(rest[name.Length]))
            ? rest[name.Length..].ToString()
            : null;
    }

    /// <summary>How many line comments of <paramref name="sql"/> are the directive <paramref name="name"/>.</summary>
    public static int Count(string sql, string name, SqlFlavor? flavor = null)
    {
        // Most texts hold no directive at all: a search for the prefix is much cheaper than reading the text.
        if (!sql.Contains(Prefix, StringComparison.OrdinalIgnoreCase)) return 0;
        var count = 0;
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipWhitespace())
            if (token.Kind == SqlTokenKind.LineComment && Arguments(token.Span, name) is not null) count++;
        return count;
    }

    /// <summary>
    /// The directives <paramref name="name"/> among the comments before the statement's first code token, in order
    /// (usually none or one).
    /// </summary>
    public static IReadOnlyList<SqlToken> Leading(string statement, string name, SqlFlavor? flavor = null)
    {
        if (!statement.Contains(Prefix, StringComparison.OrdinalIgnoreCase)) return [];
        List<SqlToken>? found = null;
        foreach (var token in SqlLexer.Tokenize(statement, flavor).SkipWhitespace())
        {
            if (!token.IsComment) break;
            if (token.Kind == SqlTokenKind.LineComment && Arguments(token.Span, name) is not null) (found ??= []).Add(token);
        }
        return found ?? (IReadOnlyList<SqlToken>)[];
    }
}
