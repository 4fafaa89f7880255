using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.Environments;

/// <summary>
/// An online operation in a <c>.sql</c> revision: a <c>-- retort:online</c> line right before an <c>ALTER TABLE</c>
/// statement written as the final shape makes it the online operation (see <see cref="OnlineOperation"/>), run as expand
/// and contract on PostgreSQL and as the statement's final shape elsewhere:
/// <code>
/// -- retort:online
/// ALTER TABLE accounts RENAME COLUMN amount TO balance;
///
/// -- retort:online down=balance::integer
/// ALTER TABLE accounts ALTER COLUMN balance TYPE bigint USING balance::bigint;
/// </code>
/// Statements it reads: <c>RENAME COLUMN a TO b</c>, <c>RENAME TO n</c>, <c>ALTER [COLUMN] c [SET DATA] TYPE t [USING up]</c>,
/// <c>ALTER [COLUMN] c SET NOT NULL</c> (with <c>backfill=</c>, the value for existing NULLs) and <c>DROP [COLUMN] c</c>.
/// A directive line may give one option, its SQL running to the end of the line: <c>down=</c> (the old value from a row
/// of the new shape: a type change's old column, or a dropped column's value in rows the new application inserts) or
/// <c>backfill=</c>; write one line per option. Split and merge have no SQL form: write them in C#.
/// </summary>
public static class SqlOnlineDirective
{
    /// <summary>The directive's name after <see cref="SqlRevisionFile.Marker"/>.</summary>
    public const string Name = "online";

    private static readonly string Line = SqlRevisionFile.Marker + Name;

    /// <summary>True when <paramref name="trimmedLine"/> is a <c>-- retort:online</c> line, spaced as written or not.</summary>
    public static bool IsDirective(string trimmedLine) => SqlDirectives.Arguments(trimmedLine, Name) is not null;

    /// <summary>How many directive lines <paramref name="sectionText"/> holds as line comments of its own.</summary>
    public static int Count(string sectionText) => SqlDirectives.Count(sectionText, Name);

    /// <summary>
    /// The online operation a statement asks for, or null when no directive precedes it.
    /// </summary>
    /// <param name="statement">One statement as the splitter returns it, leading comments included.</param>
    /// <param name="source">The revision file, for messages.</param>
    /// <exception cref="RetortException">The directive, its options or its statement are not an online operation.</exception>
    public static OnlineOperation? TryParse(string statement, string source)
    {
        var directives = SqlDirectives.Leading(statement, Name);
        if (directives.Count == 0) return null;
        var code = SqlWords.WithoutComments(SqlWords.WithoutLeadingComments(statement)).Trim().TrimEnd(';').Trim();
        RetortException Fail(string why) => new($"{source}: '{Line}' before \"{Abbreviate(code)}\": {why} " +
            "It reads ALTER TABLE t RENAME COLUMN a TO b, RENAME TO n, ALTER COLUMN c TYPE t [USING up], ALTER COLUMN c SET NOT NULL (with backfill=) " +
            "and DROP COLUMN c; split and merge are written in C# (op.Online).");

        string? down = null, backfill = null;
        foreach (var directive in directives)
        {
            var arguments = SqlDirectives.Arguments(directive.Span, Name)!.Trim();
            if (arguments.Length == 0) continue;
            var eq = arguments.IndexOf('=');
            var (option, value) = eq < 0 ? (arguments, "") : (arguments[..eq].Trim().ToLowerInvariant(), arguments[(eq + 1)..].Trim());
            if (value.Length == 0) throw new RetortException($"{source}: '{Line} {arguments}': an option is down=SQL or backfill=SQL, with its SQL to the end of the line.");
            switch (option)
            {
                case "down": down = value; break;
                case "backfill": backfill = value; break;
                default: throw new RetortException($"{source}: unknown '{Line}' option '{option}'. Known: down=SQL, backfill=SQL (one per line).");
            }
        }

        var tokens = SqlLexer.Tokenize(code).SkipTrivia().ToList();
        var i = 0;
        bool Take(string word)
        {
            if (i < tokens.Count && tokens[i].Is(word)) { i++; return true; }
            return false;
        }
        string NameAt(string what)
        {
            if (i >= tokens.Count || !tokens[i].IsName) throw Fail($"{what} is missing.");
            return tokens[i++].FoldedIdentifier;
        }
        if (!Take("ALTER") || !Take("TABLE")) throw Fail("the line must come right before an ALTER TABLE statement.");
        if (Take("ONLY")) { }
        var names = new List<string> { NameAt("the table name") };
        if (i < tokens.Count && tokens[i].IsSymbol('.')) { i++; names.Add(NameAt("the table name")); }
        var (schema, table) = names.Count == 2 ? (names[0], names[1]) : ((string?)null, names[0]);
        string Rest(int from) => from >= tokens.Count ? "" : code[tokens[from].Start..].Trim();
        void End()
        {
            if (i < tokens.Count) throw Fail($"\"{Abbreviate(Rest(i))}\" after the action: write one action per online statement.");
        }
        void NoOptions(string what)
        {
            if (down is not null || backfill is not null) throw Fail($"{what} takes no down= or backfill= option.");
        }

        if (Take("RENAME"))
        {
            if (Take("TO"))
            {
                var newName = NameAt("the new table name");
                End();
                NoOptions("a table rename");
                return new OnlineRenameTableOperation(table, newName, schema);
            }
            Take("COLUMN");
            var column = NameAt("the column name");
            if (!Take("TO")) throw Fail("TO must follow the column name.");
            var to = NameAt("the new column name");
            End();
            NoOptions("a column rename");
            return new OnlineRenameColumnOperation(table, column, to, schema);
        }
        if (Take("DROP"))
        {
            Take("COLUMN");
            var column = NameAt("the column name");
            End();
            if (backfill is not null) throw Fail("a dropped column takes down= (its value in rows the new application inserts), not backfill=.");
            return new OnlineDropColumnOperation(table, column, schema) { Down = down };
        }
        if (Take("ALTER"))
        {
            Take("COLUMN");
            var column = NameAt("the column name");
            if (Take("SET"))
            {
                if (Take("NOT") && Take("NULL"))
                {
                    End();
                    if (backfill is null) throw Fail("SET NOT NULL online needs backfill=SQL on a directive line: the value for rows whose column is NULL.");
                    if (down is not null) throw Fail("SET NOT NULL takes backfill=, not down=.");
                    return new OnlineSetNotNullOperation(table, column, backfill, schema);
                }
                if (!Take("DATA")) throw Fail("only SET NOT NULL and SET DATA TYPE run online.");
            }
            if (!Take("TYPE")) throw Fail("TYPE (or SET NOT NULL) must follow the column name.");
            var start = i;
            while (i < tokens.Count && !(tokens[i].Depth == 0 && tokens[i].Is("USING"))) i++;
            if (start == i) throw Fail("the new type is missing.");
            var type = code[tokens[start].Start..tokens[i - 1].End].Trim();
            string? up = null;
            if (Take("USING"))
            {
                up = Rest(i);
                if (up.Length == 0) throw Fail("the USING expression is empty.");
            }
            if (backfill is not null) throw Fail("a type change takes down=, not backfill=.");
            return new OnlineAlterColumnTypeOperation(table, column, new CustomType(type), schema) { Up = up, Down = down };
        }
        throw Fail("this ALTER TABLE action has no online form.");
    }

    private static string Abbreviate(string code)
    {
        var one = SqlRevisionFile.OneLine(code);
        return one.Length > 60 ? one[..57] + "..." : one;
    }
}
