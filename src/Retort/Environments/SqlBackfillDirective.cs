using System.Globalization;
using System.Text;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Environments;

/// <summary>
/// A batched <c>UPDATE</c> in a <c>.sql</c> revision: a <c>-- retort:batched</c> line right before an
/// <c>UPDATE table SET … [WHERE …]</c> statement makes it a <see cref="BackfillOperation"/>, run in keyset batches
/// with a checkpoint each, like <c>op.Backfill</c> in C#:
/// <code>
/// -- retort:batched batch-size=5000 target-ms=200 pause-ms=10
/// UPDATE users SET email_lower = lower(email) WHERE email_lower IS NULL;
/// </code>
/// Options (all optional): <c>batch-size</c> (rows to start with), <c>target-ms</c> (the batch duration the size
/// adapts toward; 0 keeps the size fixed), <c>max-batch-size</c>, <c>pause-ms</c> (between batches) and
/// <c>key</c> (comma-separated key columns instead of the primary key).
/// </summary>
public static class SqlBackfillDirective
{
    /// <summary>The directive's name after <see cref="SqlRevisionFile.Marker"/>.</summary>
    public const string Name = "batched";

    private static readonly string Line = SqlRevisionFile.Marker + Name;

    /// <summary>
    /// True when <paramref name="trimmedLine"/> is a <c>-- retort:batched</c> line, spaced as written or not
    /// (<c>--retort:batched</c>, <c>-- retort: batched</c>): a near miss must not leave an UPDATE unbatched.
    /// </summary>
    public static bool IsDirective(string trimmedLine) => OptionsOf(trimmedLine) is not null;

    /// <summary>How many directive lines <paramref name="sectionText"/> holds as line comments of its own (not inside strings, block comments or bodies).</summary>
    public static int Count(string sectionText) =>
        Pieces(sectionText).Count(p => p.Kind == PieceKind.LineComment && IsDirective(sectionText[p.Start..p.End].Trim()));

    /// <summary>The options, split at white space outside double quotes (a quoted key column may hold spaces).</summary>
    private static List<string> SplitOptions(string text)
    {
        var options = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0) options.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) options.Add(current.ToString());
        return options;
    }

    /// <summary>The text after the directive's name, or null when the line is no directive.</summary>
    private static string? OptionsOf(string trimmedLine)
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

    /// <summary>
    /// The backfill a statement asks for, or null when no directive precedes it. A directive before anything but a
    /// plain single-table <c>UPDATE … SET … [WHERE …]</c> is an error that says what is wrong.
    /// </summary>
    /// <param name="statement">One statement as the splitter returns it, leading comments included.</param>
    /// <param name="source">The revision file, for messages.</param>
    /// <exception cref="RetortException">The directive or its statement cannot be batched.</exception>
    public static BackfillOperation? TryParse(string statement, string source)
    {
        var (directive, commented) = SplitLeadingComments(statement);
        if (directive is null) return null;
        // The SET and WHERE text go into the batches' own UPDATE: a "--" comment left in them would hide the key range.
        var code = WithoutComments(commented);
        RetortException Fail(string why) => new($"{source}: '{Line}' before \"{Abbreviate(code)}\": {why}");

        var batching = BatchOptions.Default;
        string[] keys = [];
        foreach (var option in SplitOptions(OptionsOf(directive)!))
        {
            var eq = option.IndexOf('=');
            var (name, value) = eq < 0 ? (option, "") : (option[..eq].ToLowerInvariant(), option[(eq + 1)..]);
            int Number(int min) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
                : throw new RetortException($"{source}: '{Line}' option {name} needs a whole number of at least {min}, not '{value}'.");
            batching = name switch
            {
                "batch-size" => batching with { BatchSize = Number(1) },
                "max-batch-size" => batching with { MaxBatchSize = Number(1) },
                "target-ms" => batching with { TargetBatchDuration = Number(0) is var ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null },
                "pause-ms" => batching with { PauseBetweenBatches = TimeSpan.FromMilliseconds(Number(0)) },
                "key" => batching,
                _ => throw new RetortException($"{source}: unknown '{Line}' option '{option}'. Known: batch-size=N, target-ms=N, max-batch-size=N, pause-ms=N, key=column[,column].")
            };
            if (name == "key")
            {
                keys = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(KeyName).ToArray();
                if (keys.Length == 0) throw new RetortException($"{source}: '{Line}' option key needs column names: key=column[,column].");
            }
        }
        if (batching.MaxBatchSize < batching.BatchSize) batching = batching with { MaxBatchSize = batching.BatchSize };

        var tokens = Tokenize(code);
        if (tokens.Count == 0 || !tokens[0].Is("UPDATE")) throw Fail("the line must come right before an UPDATE statement.");
        var i = 1;
        if (tokens.Count > 2 && tokens[1].Is("ONLY") && !tokens[2].Is("SET") && tokens[2].Text != ".")
            throw Fail("UPDATE ONLY is not supported in a batched UPDATE.");
        var names = new List<string>();
        while (true)
        {
            if (i >= tokens.Count || tokens[i].Kind == TokenKind.Other) throw Fail("a table name must follow UPDATE.");
            names.Add(tokens[i++].Name);
            if (i < tokens.Count && tokens[i].Text == ".") { i++; continue; }
            break;
        }
        if (names.Count > 2) throw Fail("the table name has more than a schema and a name.");
        if (i >= tokens.Count || !tokens[i].Is("SET"))
            throw Fail("SET must follow the table name (an alias or another clause between them is not supported).");
        var setStart = tokens[i].End;
        var whereToken = -1;
        for (var t = i + 1; t < tokens.Count; t++)
        {
            if (tokens[t].Depth != 0 || tokens[t].Kind != TokenKind.Word) continue;
            if (tokens[t].Is("WHERE") && whereToken < 0) whereToken = t;
            else if ((tokens[t].Is("FROM") && !tokens[t - 1].Is("DISTINCT")) || tokens[t].Is("RETURNING") || tokens[t].Is("ORDER") || tokens[t].Is("LIMIT")
                     || tokens[t].Is("UNION") || tokens[t].Is("INTERSECT") || tokens[t].Is("EXCEPT") || (tokens[t].Is("CURRENT") && t == whereToken + 1 && t + 1 < tokens.Count && tokens[t + 1].Is("OF")))
                throw Fail($"{tokens[t].Text.ToUpperInvariant()} is not supported in a batched UPDATE (the batches add their own key range to a plain UPDATE … SET … WHERE …).");
        }
        var set = (whereToken < 0 ? code[setStart..] : code[setStart..tokens[whereToken].Start]).Trim();
        var where = whereToken < 0 ? null : code[tokens[whereToken].End..].Trim();
        if (set.Length == 0) throw Fail("the SET clause is empty.");
        if (where is { Length: 0 }) throw Fail("the WHERE clause is empty.");
        var (schema, table) = names.Count == 2 ? (names[0], names[1]) : ((string?)null, names[0]);
        return new BackfillOperation(table, set, schema)
        {
            Where = where,
            KeyColumns = keys.ToValueList(),
            Batching = batching,
        };
    }

    private static string Abbreviate(string code)
    {
        var one = SqlRevisionFile.OneLine(code);
        return one.Length > 60 ? one[..57] + "..." : one;
    }

    /// <summary>The directive line among the statement's leading comments (null when none), and the code after them.</summary>
    private static (string? Directive, string Code) SplitLeadingComments(string statement)
    {
        string? directive = null;
        var i = 0;
        while (i < statement.Length)
        {
            if (char.IsWhiteSpace(statement[i])) { i++; continue; }
            if (statement.AsSpan(i).StartsWith("--"))
            {
                var end = statement.IndexOf('\n', i);
                end = end < 0 ? statement.Length : end;
                var line = statement[i..end].Trim();
                if (IsDirective(line)) directive = line;
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
        return (directive, statement[i..]);
    }

    /// <summary>The code with every comment replaced by a space; literals and quoted names are kept as they are.</summary>
    private static string WithoutComments(string code)
    {
        var sb = new StringBuilder(code.Length);
        foreach (var (kind, start, end) in Pieces(code))
        {
            if (kind is PieceKind.LineComment or PieceKind.BlockComment) sb.Append(' ');
            else sb.Append(code, start, end - start);
        }
        return sb.ToString();
    }

    private enum PieceKind { LineComment, BlockComment, Literal, QuotedName, Word, Other }

    /// <summary>
    /// The code cut into comments, literals (<c>'…'</c>, PostgreSQL's <c>E'…'</c> and <c>$tag$…$tag$</c>), quoted
    /// names, words and single other characters, read as the statement splitter reads them.
    /// </summary>
    private static IEnumerable<(PieceKind Kind, int Start, int End)> Pieces(string code)
    {
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            int end;
            PieceKind kind;
            if (c == '-' && next == '-')
            {
                end = code.IndexOf('\n', i);
                (end, kind) = (end < 0 ? code.Length : end, PieceKind.LineComment);
            }
            else if (c == '/' && next == '*')
            {
                end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                (end, kind) = (end < 0 ? code.Length : end + 2, PieceKind.BlockComment);
            }
            else if (c is 'E' or 'e' && next == '\'')
                (end, kind) = (SqlStatementSplitter.SkipEscapedString(code, i + 1), PieceKind.Literal);
            else if (c == '\'')
                (end, kind) = (SqlText.SkipQuoted(code, i, '\''), PieceKind.Literal);
            else if (c is '"' or '`' or '[')
                (end, kind) = (SqlText.SkipQuoted(code, i, c == '[' ? ']' : c), PieceKind.QuotedName);
            else if (c == '$' && SqlStatementSplitter.DollarTag(code, i) is { } tag)
            {
                var close = code.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                (end, kind) = (close < 0 ? code.Length : close + tag.Length, PieceKind.Literal);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                end = i;
                while (end < code.Length && (char.IsLetterOrDigit(code[end]) || code[end] is '_' or '$')) end++;
                kind = PieceKind.Word;
            }
            else (end, kind) = (i + 1, PieceKind.Other);
            yield return (kind, i, end);
            i = end;
        }
    }

    private enum TokenKind { Word, Identifier, Other }

    private readonly record struct Token(TokenKind Kind, string Text, string Name, int Start, int End, int Depth)
    {
        public bool Is(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Words, quoted names, literals and single characters with their parenthesis depth; comments and white space
    /// are skipped. A bare word's name is folded as PostgreSQL folds it, ASCII letters to lower case (SQLite
    /// matches names without regard to case); a quoted name is kept as written.
    /// </summary>
    private static List<Token> Tokenize(string code)
    {
        var tokens = new List<Token>();
        var depth = 0;
        foreach (var (kind, start, end) in Pieces(code))
        {
            var text = code[start..end];
            switch (kind)
            {
                case PieceKind.LineComment or PieceKind.BlockComment:
                    continue;
                case PieceKind.Word:
                    tokens.Add(new Token(TokenKind.Word, text, FoldAscii(text), start, end, depth));
                    continue;
                case PieceKind.QuotedName:
                    tokens.Add(new Token(TokenKind.Identifier, text, Unquote(text), start, end, depth));
                    continue;
                case PieceKind.Literal:
                    tokens.Add(new Token(TokenKind.Other, text, "", start, end, depth));
                    continue;
            }
            if (char.IsWhiteSpace(text[0])) continue;
            if (text == "(") depth++;
            tokens.Add(new Token(TokenKind.Other, text, "", start, end, depth));
            if (text == ")") depth = Math.Max(0, depth - 1);
        }
        return tokens;
    }

    /// <summary>A <c>key=</c> column: a quoted name as written, a bare one folded like a bare word.</summary>
    private static string KeyName(string name) =>
        name.Length >= 2 && name[0] is '"' or '`' or '[' ? Unquote(name) : FoldAscii(name);

    private static string Unquote(string quoted)
    {
        var close = quoted[0] == '[' ? ']' : quoted[0];
        var inner = quoted.Length >= 2 && quoted[^1] == close ? quoted[1..^1] : quoted[1..];
        return inner.Replace(new string(close, 2), close.ToString());
    }

    private static string FoldAscii(string word) =>
        string.Create(word.Length, word, (span, w) =>
        {
            for (var i = 0; i < w.Length; i++) span[i] = w[i] is >= 'A' and <= 'Z' ? (char)(w[i] + 32) : w[i];
        });
}
