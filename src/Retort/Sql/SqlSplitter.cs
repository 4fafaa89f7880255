namespace Retort.Sql;

/// <summary>
/// Splits a SQL script into statements at top-level semicolons, as <see cref="SqlLexer"/> reads it: a semicolon
/// inside a string, a quoted name, a comment, a dollar-quoted body or parentheses does not split, and neither does
/// one inside the <c>BEGIN … END</c> body of a <c>CREATE TRIGGER</c> or the <c>BEGIN ATOMIC … END</c> body of a SQL
/// function or procedure. Comments stay with the statement they precede; pieces holding only comments are dropped.
/// </summary>
public static class SqlSplitter
{
    /// <summary>The statements, trimmed, without their terminating semicolons.</summary>
    /// <param name="sql">The script.</param>
    /// <param name="flavor">The database's forms; null reads with <see cref="SqlFlavor.Lenient"/>.</param>
    public static IReadOnlyList<string> Split(string sql, SqlFlavor? flavor = null)
    {
        var statements = new List<string>();
        var start = 0;
        var hasCode = false;
        var words = new LeadingWords();
        var blockDepth = 0;
        var previousWasBegin = false;
        foreach (var token in SqlLexer.Tokenize(sql, flavor))
        {
            if (token.IsTrivia) continue;
            if (token.Kind == SqlTokenKind.Symbol && token.Depth == 0 && blockDepth == 0 && sql[token.Start] == ';')
            {
                if (hasCode) statements.Add(sql[start..token.Start].Trim());
                start = token.End;
                hasCode = false;
                words = new LeadingWords();
                previousWasBegin = false;
                continue;
            }
            hasCode = true;
            if (token.Kind != SqlTokenKind.Word) continue;
            words.Add(token);
            switch (words.Body)
            {
                // A trigger's body: BEGIN … END, with CASE … END inside it.
                case Body.Trigger when token.Is("BEGIN") || token.Is("CASE"):
                    blockDepth++;
                    break;
                case Body.Trigger when token.Is("END") && blockDepth > 0:
                    blockDepth--;
                    break;
                // A routine's BEGIN ATOMIC … END body.
                case Body.Routine when token.Is("ATOMIC") && previousWasBegin:
                case Body.Routine when blockDepth > 0 && token.Is("CASE"):
                    blockDepth++;
                    break;
                case Body.Routine when blockDepth > 0 && token.Is("END"):
                    blockDepth--;
                    break;
            }
            previousWasBegin = token.Is("BEGIN");
        }
        if (hasCode) statements.Add(sql[start..].Trim());
        return statements;
    }

    /// <summary>
    /// The statement with the semicolon that ends it in a script: after it, or on a line of its own when the statement
    /// ends with a line comment (which would otherwise swallow the semicolon and join the next statement to this one).
    /// </summary>
    /// <param name="statement">One statement without its semicolon.</param>
    /// <param name="flavor">The database's forms; null reads with <see cref="SqlFlavor.Lenient"/>.</param>
    public static string Terminate(string statement, SqlFlavor? flavor = null)
    {
        var last = SqlTokenKind.Whitespace;
        foreach (var token in SqlLexer.Tokenize(statement, flavor).SkipWhitespace()) last = token.Kind;
        return last == SqlTokenKind.LineComment ? statement + "\n;" : statement + ";";
    }

    private enum Body { None, Trigger, Routine }

    // The statement's first four words, enough to tell CREATE [TEMP] TRIGGER and CREATE [OR REPLACE] FUNCTION|PROCEDURE.
    private struct LeadingWords
    {
        private SqlToken _w0, _w1, _w2, _w3;
        private int _count;

        public Body Body { get; private set; }

        public void Add(SqlToken word)
        {
            if (_count >= 4) return;
            switch (_count++)
            {
                case 0: _w0 = word; break;
                case 1: _w1 = word; break;
                case 2: _w2 = word; break;
                default: _w3 = word; break;
            }
            if (_count < 2 || !_w0.Is("CREATE")) return;
            if (_w1.Is("TRIGGER") || (_count >= 3 && (_w1.Is("TEMP") || _w1.Is("TEMPORARY")) && _w2.Is("TRIGGER"))) Body = Body.Trigger;
            else if (_w1.Is("FUNCTION") || _w1.Is("PROCEDURE")
                     || (_count >= 4 && _w1.Is("OR") && _w2.Is("REPLACE") && (_w3.Is("FUNCTION") || _w3.Is("PROCEDURE"))))
                Body = Body.Routine;
        }
    }
}
