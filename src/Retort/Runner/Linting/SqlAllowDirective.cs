using Retort.Operations;
using Retort.Sql;

namespace Retort.Runner.Linting;

/// <summary>
/// <c>-- retort:allow RT012 reason</c>: a comment in SQL (a <c>.sql</c> revision, or <c>op.Execute</c> text) that allows
/// a lint finding of one rule on the statement it is written above, inside, or after on the same line, with the reason
/// it is acceptable there.
/// </summary>
public static class SqlAllowDirective
{
    /// <summary>The directive's name.</summary>
    public const string Name = "allow";

    /// <summary>True when the trimmed line is this directive.</summary>
    public static bool IsDirective(string trimmedLine) => SqlDirectives.Arguments(trimmedLine, Name) is not null;

    /// <summary>The allowance a directive comment holds.</summary>
    /// <exception cref="RetortException">The rule id is malformed or the reason is missing.</exception>
    public static LintAllowance Parse(ReadOnlySpan<char> comment, string where)
    {
        var arguments = (SqlDirectives.Arguments(comment, Name) ?? "").Trim();
        var space = arguments.IndexOfAny([' ', '\t']);
        var rule = space < 0 ? arguments : arguments[..space];
        var reason = space < 0 ? "" : arguments[(space + 1)..].Trim();
        if (rule.Length == 0)
            throw new RetortException($"{where}: '-- retort:allow' names no rule. Write '-- retort:allow RT012 the reason it is acceptable here'.");
        return LintAllowance.Create(rule, reason, where);
    }

    /// <summary>Every <c>allow</c> directive among the comments of <paramref name="sql"/>, with its position.</summary>
    public static IEnumerable<SqlToken> Find(string sql, SqlFlavor? flavor)
    {
        if (!sql.Contains(SqlDirectives.Prefix, StringComparison.OrdinalIgnoreCase)) yield break;
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipWhitespace())
            if (token.Kind == SqlTokenKind.LineComment && SqlDirectives.Arguments(token.Span, Name) is not null) yield return token;
    }
}
