using Retort.Lint;
using Retort.Operations;
using Retort.Sql;

namespace Retort.Runner.Linting.Internal;

/// <summary>
/// The statements of a revision's raw SQL, operation by operation, split by the one lexer, with the line each starts
/// on in a <c>.sql</c> file and the <c>-- retort:allow</c> comments that belong to each: those above or inside it, and
/// one after it on the line where it ends (which the splitter hands to the next statement).
/// </summary>
internal static class RevisionStatements
{
    public static IReadOnlyList<IReadOnlyList<PlanStatement>> Read(LintRevision revision, SqlFlavor flavor)
    {
        var text = revision.SourceText?.Replace("\r\n", "\n");
        var cursor = 0;
        PlanStatement? previous = null;
        var previousEndLine = -1;
        var result = new List<IReadOnlyList<PlanStatement>>(revision.Plan.Count);
        foreach (var operation in revision.Plan)
        {
            if (operation is not ExecuteSqlOperation execute)
            {
                result.Add([]);
                continue;
            }
            var pieces = execute.Parameters.Count == 0 ? SqlSplitter.Split(execute.Sql, flavor) : [execute.Sql];
            var statements = new List<PlanStatement>(pieces.Count);
            foreach (var piece in pieces)
            {
                var at = text is null ? -1 : text.IndexOf(piece, cursor, StringComparison.Ordinal);
                if (at >= 0) cursor = at + piece.Length;
                var firstCode = SqlLexer.Tokenize(piece, flavor).SkipTrivia().TryFirst(out var code) ? code.Start : 0;
                int? line = at >= 0 ? LineAt(text!, at + firstCode) : null;
                var statement = new PlanStatement(new LintStatement(piece, flavor) { OutsideTransaction = execute.OutsideTransaction, Line = line });
                foreach (var directive in SqlAllowDirective.Find(piece, flavor))
                {
                    var directiveLine = at >= 0 ? LineAt(text!, at + directive.Start) : (int?)null;
                    // Written after the previous statement's semicolon, on its line: read with that statement already.
                    if (directive.Start < firstCode && previous is not null && directiveLine == previousEndLine) continue;
                    statement.Allowances.Add(SqlAllowDirective.Parse(directive.Span, revision.Source + (directiveLine is { } l ? $", line {l}" : "")));
                }
                if (at >= 0)
                {
                    // A directive after the statement's semicolon on the line where it ends is about this statement (after the
                    // last statement of a section the splitter keeps no such comment at all).
                    var end = at + piece.Length;
                    var lineEnd = text!.IndexOf('\n', end);
                    var rest = text[end..(lineEnd < 0 ? text.Length : lineEnd)];
                    previousEndLine = LineAt(text, end);
                    if (OnlySemicolonAndComments(rest, flavor))
                        foreach (var directive in SqlAllowDirective.Find(rest, flavor))
                            statement.Allowances.Add(SqlAllowDirective.Parse(directive.Span, $"{revision.Source}, line {previousEndLine}"));
                }
                previous = statement;
                statements.Add(statement);
            }
            result.Add(statements);
        }
        return result;
    }

    // "; -- retort:allow …" and nothing else: another statement on the same line takes the comment as its own.
    private static bool OnlySemicolonAndComments(string rest, SqlFlavor flavor)
    {
        var first = true;
        foreach (var token in SqlLexer.Tokenize(rest, flavor).SkipWhitespace())
        {
            if (first ? !token.IsSymbol(';') : !token.IsComment) return false;
            first = false;
        }
        return true;
    }

    private static int LineAt(string text, int offset) => text.AsSpan(0, Math.Min(offset, text.Length)).Count('\n') + 1;
}
