using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>
/// Reading the shape of a statement from its code tokens (<see cref="LintStatement.Tokens"/>, the one lexer): what a
/// rule matches is never inside a string, a quoted name or a comment. Only the parts rules need are read; anything
/// else gives null or an empty list, never an error.
/// </summary>
public static class LintSql
{
    /// <summary>The words that start a column constraint (what follows a column's type).</summary>
    public static readonly IReadOnlySet<string> ColumnConstraintWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "GENERATED", "COLLATE",
        "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE", "ON", "AS",
    };

    // The words that start a table constraint in CREATE TABLE's list (not a column).
    private static readonly HashSet<string> TableConstraintWords = new(StringComparer.Ordinal)
    {
        "CONSTRAINT", "PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "EXCLUDE", "LIKE",
    };

    /// <summary>True when the token at <paramref name="index"/> is the bare word <paramref name="word"/>.</summary>
    public static bool Is(IReadOnlyList<SqlToken> tokens, int index, string word) => index >= 0 && index < tokens.Count && tokens[index].Is(word);

    /// <summary>True when the tokens from <paramref name="index"/> are the bare words <paramref name="words"/>, in order.</summary>
    public static bool At(IReadOnlyList<SqlToken> tokens, int index, params ReadOnlySpan<string> words)
    {
        for (var k = 0; k < words.Length; k++)
            if (!Is(tokens, index + k, words[k])) return false;
        return true;
    }

    /// <summary>True when the statement starts with the bare words <paramref name="words"/>.</summary>
    public static bool StartsWith(LintStatement statement, params ReadOnlySpan<string> words) => At(statement.Tokens, 0, words);

    /// <summary>
    /// Where the words <paramref name="words"/> first follow one another from <paramref name="from"/> on, at the
    /// outermost depth of <paramref name="tokens"/> (never inside parentheses), or -1.
    /// </summary>
    public static int IndexOf(IReadOnlyList<SqlToken> tokens, int from, params ReadOnlySpan<string> words)
    {
        if (tokens.Count == 0) return -1;
        var depth = OuterDepth(tokens);
        for (var i = Math.Max(from, 0); i < tokens.Count; i++)
            if (tokens[i].Depth == depth && At(tokens, i, words)) return i;
        return -1;
    }

    /// <summary>True when the words <paramref name="words"/> follow one another at the outermost depth.</summary>
    public static bool Has(IReadOnlyList<SqlToken> tokens, params ReadOnlySpan<string> words) => IndexOf(tokens, 0, words) >= 0;

    /// <summary>True when the words <paramref name="words"/> follow one another anywhere, inside parentheses too.</summary>
    public static bool HasAnywhere(IReadOnlyList<SqlToken> tokens, params ReadOnlySpan<string> words)
    {
        for (var i = 0; i < tokens.Count; i++)
            if (At(tokens, i, words)) return true;
        return false;
    }

    /// <summary>The depth of the outermost tokens (a list that starts with <c>(</c> still reads the level around it).</summary>
    public static int OuterDepth(IReadOnlyList<SqlToken> tokens)
    {
        var depth = int.MaxValue;
        foreach (var t in tokens)
        {
            var d = t.IsSymbol('(') ? t.Depth - 1 : t.Depth;
            if (d < depth) depth = d;
        }
        return depth == int.MaxValue ? 0 : depth;
    }

    /// <summary>
    /// Reads a possibly qualified name (<c>name</c> or <c>schema.name</c>) at <paramref name="index"/>, moving
    /// <paramref name="index"/> past it; null (and <paramref name="index"/> unchanged) when no name is there.
    /// </summary>
    public static SqlTableName? ReadName(IReadOnlyList<SqlToken> tokens, ref int index)
    {
        if (index >= tokens.Count || !tokens[index].IsName) return null;
        var first = tokens[index].FoldedIdentifier;
        if (index + 2 < tokens.Count && tokens[index + 1].IsSymbol('.') && tokens[index + 2].IsName)
        {
            var name = tokens[index + 2].FoldedIdentifier;
            index += 3;
            return new SqlTableName(first, name);
        }
        index++;
        return new SqlTableName(null, first);
    }

    /// <summary>Moves <paramref name="index"/> past the words <paramref name="words"/> when they are there.</summary>
    public static bool Skip(IReadOnlyList<SqlToken> tokens, ref int index, params ReadOnlySpan<string> words)
    {
        if (!At(tokens, index, words)) return false;
        index += words.Length;
        return true;
    }

    /// <summary>The tokens from <paramref name="start"/> to <paramref name="end"/> (exclusive) cut at the commas of the outermost depth.</summary>
    public static IReadOnlyList<IReadOnlyList<SqlToken>> SplitAtCommas(IReadOnlyList<SqlToken> tokens, int start, int end)
    {
        var parts = new List<IReadOnlyList<SqlToken>>();
        if (start >= end) return parts;
        var depth = OuterDepth(tokens.Skip(start).Take(end - start).ToList());
        var current = new List<SqlToken>();
        for (var i = start; i < end; i++)
        {
            if (tokens[i].IsSymbol(',') && tokens[i].Depth == depth)
            {
                if (current.Count > 0) parts.Add(current);
                current = [];
                continue;
            }
            current.Add(tokens[i]);
        }
        if (current.Count > 0) parts.Add(current);
        return parts;
    }

    /// <summary>The index of the <c>)</c> that closes the <c>(</c> at <paramref name="open"/>, or the last token's index.</summary>
    public static int CloseOf(IReadOnlyList<SqlToken> tokens, int open)
    {
        var depth = tokens[open].Depth;
        for (var i = open + 1; i < tokens.Count; i++)
            if (tokens[i].IsSymbol(')') && tokens[i].Depth == depth) return i;
        return tokens.Count - 1;
    }

    /// <summary>The statement as <c>ALTER TABLE</c> with its table and actions, or null for any other statement.</summary>
    public static AlterTableStatement? AlterTable(LintStatement statement) => statement.Shape(nameof(AlterTable), ReadAlterTable);

    private static AlterTableStatement? ReadAlterTable(LintStatement statement)
    {
        var t = statement.Tokens;
        if (!At(t, 0, "ALTER", "TABLE")) return null;
        var i = 2;
        Skip(t, ref i, "IF", "EXISTS");
        Skip(t, ref i, "ONLY");
        var table = ReadName(t, ref i);
        if (table is null) return null;
        if (i < t.Count && t[i].IsSymbol('*')) i++;
        var actions = SplitAtCommas(t, i, t.Count);
        return actions.Count == 0 ? null : new AlterTableStatement(table, actions);
    }

    /// <summary>The table a <c>CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name</c> statement creates, or null.</summary>
    public static SqlTableName? CreatedTable(LintStatement statement)
    {
        var t = statement.Tokens;
        var i = 1;
        if (!Is(t, 0, "CREATE")) return null;
        while (i < t.Count && (t[i].Is("TEMP") || t[i].Is("TEMPORARY") || t[i].Is("UNLOGGED") || t[i].Is("GLOBAL") || t[i].Is("LOCAL"))) i++;
        if (!Skip(t, ref i, "TABLE")) return null;
        Skip(t, ref i, "IF", "NOT", "EXISTS");
        return ReadName(t, ref i);
    }

    /// <summary>
    /// The columns a statement defines: those of <c>CREATE TABLE name ( … )</c> and those added by
    /// <c>ALTER TABLE … ADD [COLUMN]</c>; empty for any other statement.
    /// </summary>
    public static IReadOnlyList<SqlColumnDefinition> ColumnDefinitions(LintStatement statement) => statement.Shape(nameof(ColumnDefinitions), ReadColumnDefinitions);

    private static IReadOnlyList<SqlColumnDefinition> ReadColumnDefinitions(LintStatement statement)
    {
        var t = statement.Tokens;
        var result = new List<SqlColumnDefinition>();
        if (CreatedTable(statement) is { } created)
        {
            var open = -1;
            for (var i = 0; i < t.Count; i++)
                if (t[i].IsSymbol('(') && t[i].Depth == 1) { open = i; break; }
            if (open < 0) return result;
            foreach (var element in SplitAtCommas(t, open + 1, CloseOf(t, open)))
            {
                if (element[0].Kind == SqlTokenKind.Word && TableConstraintWords.Contains(element[0].Text.ToUpperInvariant())) continue;
                if (Column(created, element, 0, true) is { } column) result.Add(column);
            }
            return result;
        }
        if (AlterTable(statement) is not { } alter) return result;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!Skip(action, ref i, "ADD")) continue;
            if (i < action.Count && action[i].Kind == SqlTokenKind.Word && TableConstraintWords.Contains(action[i].Text.ToUpperInvariant())) continue;
            Skip(action, ref i, "COLUMN");
            Skip(action, ref i, "IF", "NOT", "EXISTS");
            if (Column(alter.Table, action, i, false) is { } column) result.Add(column);
        }
        return result;
    }

    private static SqlColumnDefinition? Column(SqlTableName table, IReadOnlyList<SqlToken> tokens, int start, bool inCreate)
    {
        if (start >= tokens.Count || !tokens[start].IsName) return null;
        var depth = tokens[start].Depth;
        var end = start + 1;
        while (end < tokens.Count && !(tokens[end].Depth == depth && tokens[end].Kind == SqlTokenKind.Word && ColumnConstraintWords.Contains(tokens[end].Text.ToUpperInvariant())))
            end++;
        // "timestamp with time zone": WITH is part of the type, not a constraint word, so nothing stops early there.
        var type = tokens.Skip(start + 1).Take(end - start - 1).ToList();
        var rest = tokens.Skip(end).ToList();
        return new SqlColumnDefinition(table, tokens[start].FoldedIdentifier, type, rest, inCreate);
    }

    /// <summary>
    /// The target of <c>UPDATE [ONLY] name … </c> or <c>DELETE FROM [ONLY] name …</c>, and whether the statement has a
    /// top-level <c>WHERE</c>; null for any other statement (a statement that starts with <c>WITH</c> is read after its CTEs).
    /// </summary>
    public static (SqlTableName Table, bool HasWhere, string Verb)? DataChange(LintStatement statement)
    {
        var t = statement.Tokens;
        var i = 0;
        if (Is(t, 0, "WITH"))
        {
            // Read past "WITH name AS ( … ), …" to the main statement.
            i = 1;
            while (i < t.Count && !(t[i].Depth == 0 && (t[i].Is("UPDATE") || t[i].Is("DELETE") || t[i].Is("INSERT") || t[i].Is("SELECT")))) i++;
        }
        string verb;
        if (Is(t, i, "UPDATE")) { verb = "UPDATE"; i++; }
        else if (At(t, i, "DELETE", "FROM")) { verb = "DELETE"; i += 2; }
        else return null;
        Skip(t, ref i, "ONLY");
        var table = ReadName(t, ref i);
        if (table is null) return null;
        var hasWhere = false;
        for (var k = i; k < t.Count; k++)
            if (t[k].Depth == 0 && t[k].Is("WHERE")) hasWhere = true;
        return (table, hasWhere, verb);
    }

    /// <summary>The names listed from <paramref name="index"/> on (<c>a, s.b, c</c>), up to the first token that is not a name or comma.</summary>
    public static IReadOnlyList<SqlTableName> NameList(IReadOnlyList<SqlToken> tokens, int index)
    {
        var names = new List<SqlTableName>();
        while (ReadName(tokens, ref index) is { } name)
        {
            if (name.Schema is null && name.Name is "cascade" or "restrict" && tokens[index - 1].Kind == SqlTokenKind.Word) break;
            names.Add(name);
            if (index < tokens.Count && tokens[index].IsSymbol('*')) index++;
            if (index >= tokens.Count || !tokens[index].IsSymbol(',')) break;
            index++;
        }
        return names;
    }

    /// <summary>The statements of a SQL text (as the splitter cuts it), read with <paramref name="flavor"/>.</summary>
    public static IEnumerable<LintStatement> Statements(string sql, SqlFlavor flavor) =>
        SqlSplitter.Split(sql, flavor).Select(s => new LintStatement(s, flavor));
}
