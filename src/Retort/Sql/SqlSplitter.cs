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
        var head = new Head();
        var blockDepth = 0;
        var previousWasBegin = false;
        foreach (var token in SqlLexer.Tokenize(sql, flavor).SkipTrivia())
        {
            if (token.Kind == SqlTokenKind.Symbol && token.Depth == 0 && blockDepth == 0 && sql[token.Start] == ';')
            {
                if (hasCode) statements.Add(sql[start..token.Start].Trim());
                start = token.End;
                hasCode = false;
                head = new Head();
                previousWasBegin = false;
                continue;
            }
            hasCode = true;
            if (token.Kind != SqlTokenKind.Word) continue;
            var body = head.Read(token);
            if (body == Body.Trigger)
            {
                // A trigger's body: BEGIN … END, with CASE … END inside it.
                if (token.Is("BEGIN") || token.Is("CASE")) blockDepth++;
                else if (blockDepth > 0 && token.Is("END")) blockDepth--;
            }
            else if (body == Body.Routine)
            {
                // A routine's BEGIN ATOMIC … END body, with CASE … END inside it.
                if ((previousWasBegin && token.Is("ATOMIC")) || (blockDepth > 0 && token.Is("CASE"))) blockDepth++;
                else if (blockDepth > 0 && token.Is("END")) blockDepth--;
                previousWasBegin = token.Is("BEGIN");
            }
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

    // Reads a statement's first four words, enough to tell CREATE [TEMP|TEMPORARY] TRIGGER and
    // CREATE [OR REPLACE] FUNCTION|PROCEDURE; from the fifth word on it only answers.
    private struct Head
    {
        private int _words;
        private bool _create, _temporary, _or, _orReplace;
        private Body _body;

        public Body Read(in SqlToken word)
        {
            switch (_words < 4 && (_words == 0 || _create) ? _words++ : -1)
            {
                case 0:
                    _create = word.Is("CREATE");
                    break;
                case 1:
                    if (word.Is("TRIGGER")) _body = Body.Trigger;
                    else if (word.Is("FUNCTION") || word.Is("PROCEDURE")) _body = Body.Routine;
                    else if (word.Is("TEMP") || word.Is("TEMPORARY")) _temporary = true;
                    else _or = word.Is("OR");
                    break;
                case 2:
                    if (_temporary && word.Is("TRIGGER")) _body = Body.Trigger;
                    else _orReplace = _or && word.Is("REPLACE");
                    break;
                case 3:
                    if (_orReplace && (word.Is("FUNCTION") || word.Is("PROCEDURE"))) _body = Body.Routine;
                    break;
            }
            return _body;
        }
    }
}
