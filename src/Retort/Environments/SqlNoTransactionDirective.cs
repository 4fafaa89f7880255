using static Retort.Internal.SqlTokenizer;

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
    public static bool IsDirective(string trimmedLine) => RestOf(trimmedLine) is not null;

    /// <summary>How many directive lines <paramref name="sectionText"/> holds as line comments of its own (not inside strings, block comments or bodies).</summary>
    public static int Count(string sectionText) =>
        Pieces(sectionText).Count(p => p.Kind == PieceKind.LineComment && IsDirective(sectionText[p.Start..p.End].Trim()));

    /// <summary>
    /// The statement without its directive line when one is among its leading comments, or null when none is.
    /// </summary>
    /// <param name="statement">One statement as the splitter returns it, leading comments included.</param>
    /// <param name="source">The revision file, for messages.</param>
    /// <exception cref="RetortException">The directive line has text after its name.</exception>
    public static string? TryStrip(string statement, string source)
    {
        var i = 0;
        while (i < statement.Length)
        {
            if (char.IsWhiteSpace(statement[i])) { i++; continue; }
            if (statement.AsSpan(i).StartsWith("--"))
            {
                var end = statement.IndexOf('\n', i);
                end = end < 0 ? statement.Length : end;
                var line = statement[i..end].Trim();
                if (RestOf(line) is { } rest)
                {
                    if (rest.Trim().Length > 0)
                        throw new RetortException($"{source}: '{Line}' takes no options; remove '{rest.Trim()}' after it.");
                    return (statement[..i] + statement[Math.Min(end + 1, statement.Length)..]).Trim();
                }
                i = end;
                continue;
            }
            if (statement.AsSpan(i).StartsWith("/*"))
            {
                var end = statement.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? statement.Length : end + 2;
                continue;
            }
            break;
        }
        return null;
    }

    /// <summary>The text after the directive's name, or null when the line is no directive.</summary>
    private static string? RestOf(string trimmedLine)
    {
        if (!trimmedLine.StartsWith("--", StringComparison.Ordinal)) return null;
        var rest = trimmedLine[2..].TrimStart();
        const string prefix = "retort:";
        if (!rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        rest = rest[prefix.Length..].TrimStart();
        return rest.StartsWith(Name, StringComparison.OrdinalIgnoreCase) && (rest.Length == Name.Length || char.IsWhiteSpace(rest[Name.Length]))
            ? rest[Name.Length..]
            : null;
    }
}
