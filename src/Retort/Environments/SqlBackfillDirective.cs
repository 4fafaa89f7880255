using System.Globalization;
using System.Text;
using Retort.Operations;
using Retort.Schema;
using Retort.Sql;

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
/// <c>key</c> (comma-separated key columns instead of the primary key), <c>strategy</c> (<c>in-place</c>, the
/// default, or <c>copy-and-swap</c>: see <see cref="BackfillStrategy"/>) and <c>atomic</c> (no value: the whole
/// UPDATE runs inside the revision's transaction, all or nothing; see <see cref="DataOperation.Atomic"/>).
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
    public static bool IsDirective(string trimmedLine) => SqlDirectives.Arguments(trimmedLine, Name) is not null;

    /// <summary>How many directive lines <paramref name="sectionText"/> holds as line comments of its own (not inside strings, block comments or bodies).</summary>
    public static int Count(string sectionText) => SqlDirectives.Count(sectionText, Name);

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

    /// <summary>
    /// The backfill a statement asks for, or null when no directive precedes it. A directive before anything but a
    /// plain single-table <c>UPDATE … SET … [WHERE …]</c> is an error that says what is wrong.
    /// </summary>
    /// <param name="statement">One statement as the splitter returns it, leading comments included.</param>
    /// <param name="source">The revision file, for messages.</param>
    /// <exception cref="RetortException">The directive or its statement cannot be batched.</exception>
    public static BackfillOperation? TryParse(string statement, string source)
    {
        var directives = SqlDirectives.Leading(statement, Name);
        if (directives.Count == 0) return null;
        // The SET and WHERE text go into the batches' own UPDATE: a "--" comment left in them would hide the key range.
        var code = SqlWords.WithoutComments(SqlWords.WithoutLeadingComments(statement));
        RetortException Fail(string why) => new($"{source}: '{Line}' before \"{Abbreviate(code)}\": {why}");

        var batching = BatchOptions.Default;
        // Without a batching option the step runs with the runner's default batching (MigratorOptions.Batching).
        var ownBatching = false;
        var strategy = BackfillStrategy.InPlace;
        var atomic = false;
        string[] keys = [];
        foreach (var option in SplitOptions(SqlDirectives.Arguments(directives[^1].Span, Name)!))
        {
            var eq = option.IndexOf('=');
            var (name, value) = eq < 0 ? (option.ToLowerInvariant(), "") : (option[..eq].ToLowerInvariant(), option[(eq + 1)..]);
            int Number(int min) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
                : throw new RetortException($"{source}: '{Line}' option {name} needs a whole number of at least {min}, not '{value}'.");
            batching = name switch
            {
                "batch-size" => batching with { BatchSize = Number(1) },
                "max-batch-size" => batching with { MaxBatchSize = Number(1) },
                "target-ms" => batching with { TargetBatchDuration = Number(0) is var ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null },
                "pause-ms" => batching with { PauseBetweenBatches = TimeSpan.FromMilliseconds(Number(0)) },
                "key" or "strategy" => batching,
                "atomic" when eq < 0 => batching,
                _ => throw new RetortException($"{source}: unknown '{Line}' option '{option}'. Known: batch-size=N, target-ms=N, max-batch-size=N, pause-ms=N, key=column[,column], strategy=in-place|copy-and-swap, atomic.")
            };
            ownBatching |= name is "batch-size" or "max-batch-size" or "target-ms" or "pause-ms";
            if (name == "strategy")
                strategy = value.ToLowerInvariant() switch
                {
                    "in-place" => BackfillStrategy.InPlace,
                    "copy-and-swap" => BackfillStrategy.CopyAndSwap,
                    _ => throw new RetortException($"{source}: '{Line}' option strategy is in-place or copy-and-swap, not '{value}'."),
                };
            if (name == "atomic") atomic = true;
            if (name == "key")
            {
                keys = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(KeyName).ToArray();
                if (keys.Length == 0) throw new RetortException($"{source}: '{Line}' option key needs column names: key=column[,column].");
            }
        }
        if (batching.MaxBatchSize < batching.BatchSize) batching = batching with { MaxBatchSize = batching.BatchSize };
        if (atomic && strategy == BackfillStrategy.CopyAndSwap)
            throw new RetortException($"{source}: '{Line}' options atomic and strategy=copy-and-swap do not go together: a copy and swap commits phase by phase.");

        var tokens = SqlLexer.Tokenize(code).SkipTrivia().ToList();
        if (tokens.Count == 0 || !tokens[0].Is("UPDATE")) throw Fail("the line must come right before an UPDATE statement.");
        var i = 1;
        if (tokens.Count > 2 && tokens[1].Is("ONLY") && !tokens[2].Is("SET") && !tokens[2].IsSymbol('.'))
            throw Fail("UPDATE ONLY is not supported in a batched UPDATE.");
        var names = new List<string>();
        while (true)
        {
            if (i >= tokens.Count || !tokens[i].IsName) throw Fail("a table name must follow UPDATE.");
            names.Add(tokens[i++].FoldedIdentifier);
            if (i < tokens.Count && tokens[i].IsSymbol('.')) { i++; continue; }
            break;
        }
        if (names.Count > 2) throw Fail("the table name has more than a schema and a name.");
        if (i >= tokens.Count || !tokens[i].Is("SET"))
            throw Fail("SET must follow the table name (an alias or another clause between them is not supported).");
        var setStart = tokens[i].End;
        var whereToken = -1;
        for (var t = i + 1; t < tokens.Count; t++)
        {
            if (tokens[t].Depth != 0 || tokens[t].Kind != SqlTokenKind.Word) continue;
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
            Strategy = strategy,
            KeyColumns = keys.ToValueList(),
            Batching = ownBatching ? batching : null,
            Atomic = atomic,
        };
    }

    private static string Abbreviate(string code)
    {
        var one = SqlRevisionFile.OneLine(code);
        return one.Length > 60 ? one[..57] + "..." : one;
    }

    /// <summary>A <c>key=</c> column: a quoted name as written, a bare one folded like a bare word.</summary>
    private static string KeyName(string name) =>
        name.Length >= 2 && name[0] is '"' or '`' or '[' ? SqlIdentifiers.Unquote(name) : SqlIdentifiers.Fold(name);
}
