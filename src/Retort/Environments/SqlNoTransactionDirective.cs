using Retort.Sql;

namespace Retort.Environments;

/// <summary>
/// A statement of a <c>.sql</c> revision that runs outside the revision's transaction: a <c>-- retort:no-transaction</c>
/// line right before it, as <c>op.OutsideTransaction</c> does in C#:
/// <code>
/// -- retort:no-transaction
/// CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);
/// </code>
/// The revision's statements before it commit first; it runs on its own and is recorded as done, so a rerun after a
/// crash resumes after it; the statements after it run in a new transaction with the version row.
/// </summary>
public static class SqlNoTransactionDirective
{
    /// <summary>The directive's name after <see cref="SqlRevisionFile.Marker"/>.</summary>
    public const string Name = "no-transaction";

    private static readonly string Line = SqlRevisionFile.Marker + Name;

    /// <summary>
    /// True when <paramref name="trimmedLine"/> is a <c>-- retort:no-transaction</c> line, spaced as written or not
    /// (<c>--retort:no-transaction</c>, <c>-- retort: no-transaction</c>), with or without text after it.
    /// </summary>
    public static bool IsDirective(string trimmedLine) => SqlDirectives.Arguments(trimmedLine, Name) is not null;

    /// <summary>How many directive lines <paramref name="sectionText"/> holds as line comments of its own (not inside strings, block comments or bodies).</summary>
    public static int Count(string sectionText) => SqlDirectives.Count(sectionText, Name);

    /// <summary>
    /// The statement without its directive line when one is among its leading comments, or null when none is.
    /// </summary>
    /// <param name="statement">One statement as the splitter returns it, leading comments included.</param>
    /// <param name="source">The revision file, for messages.</param>
    /// <exception cref="RetortException">The directive line has text after its name.</exception>
    public static string? TryStrip(string statement, string source)
    {
        if (SqlDirectives.Leading(statement, Name) is not [var directive, ..]) return null;
        var rest = SqlDirectives.Arguments(directive.Span, Name)!.Trim();
        if (rest.Length > 0)
            throw new RetortException($"{source}: '{Line}' takes no options; remove '{rest}' after it.");
        return (statement[..directive.Start] + statement[Math.Min(directive.End + 1, statement.Length)..]).Trim();
    }
}
