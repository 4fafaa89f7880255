using Retort.Operations;
using Retort.Sql;

namespace Retort.Sqlite.Internal;

/// <summary>
/// One entry between the parentheses of a stored CREATE TABLE, as written: a column definition (name, type, then its
/// clauses) or a table constraint. Edits change only the span they name; every other character is kept, so a
/// collation, a generated column, an ON CONFLICT clause or a comment survives a rebuild untouched.
/// </summary>
internal sealed class TableElementText
{
    private List<SqlToken> _tokens = [];
    private List<int> _code = [];           // indexes into _tokens of the tokens that are not comments
    private int _typeFrom = -1, _typeTo = -1; // positions in _code of the column's type, if it has one

    public TableElementText(string text) => Reparse(text);

    /// <summary>The element's text.</summary>
    public string Text { get; private set; } = "";

    /// <summary>The column's name, or null for a table constraint.</summary>
    public string? ColumnName { get; private set; }

    /// <summary>A column's clauses (NOT NULL, DEFAULT, CHECK, …); for a table constraint, one clause: itself.</summary>
    public List<ElementClause> Clauses { get; } = [];

    /// <summary>True when the last token is a <c>--</c> comment (a comma written after it would be commented out).</summary>
    public bool EndsWithLineComment => _tokens.Count > 0 && _tokens[^1].Kind == SqlTokenKind.LineComment;

    /// <summary>True when the element has the keyword outside comments, strings and quoted names.</summary>
    public bool HasWord(string word) => _code.Any(i => _tokens[i].Is(word));

    /// <summary>Replaces the column's type (or adds one).</summary>
    public void SetType(string type)
    {
        if (_typeFrom < 0) Splice(Tok(0).End, Tok(0).End, " " + type);
        else Splice(Tok(_typeFrom).Start, Tok(_typeTo).End, type);
    }

    /// <summary>Adds a NOT NULL clause after the type, or removes every NOT NULL clause.</summary>
    public void SetNotNull(bool notNull)
    {
        var existing = Clauses.Where(c => c.Kind == "NOT NULL").ToList();
        if (notNull && existing.Count == 0) Splice(TypeEnd, TypeEnd, " NOT NULL");
        else if (!notNull) RemoveAll(existing);
    }

    /// <summary>Replaces the DEFAULT clause; null removes it.</summary>
    public void SetDefault(string? rendered)
    {
        RemoveAll(Clauses.Where(c => c.Kind == "DEFAULT").ToList());
        if (rendered is not null) Splice(Tok(_code.Count - 1).End, Tok(_code.Count - 1).End, " DEFAULT " + rendered);
    }

    /// <summary>Replaces the comments after the column's name (Retort keeps a column comment there); null removes them.</summary>
    public void SetComment(string? comment)
    {
        for (var i = _tokens.Count - 1; i > _code[0]; i--)
            if (_tokens[i].IsComment) Splice(_tokens[i - 1].End, _tokens[i].End, "");
        if (comment is not null) Reparse(Text + " " + comment);
    }

    /// <summary>Removes the clause named <c>CONSTRAINT name</c>; false when there is none.</summary>
    public bool RemoveNamedClause(string name)
    {
        var clause = Clauses.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (clause is null) return false;
        RemoveAll([clause]);
        return true;
    }

    private int TypeEnd => _typeTo >= 0 ? Tok(_typeTo).End : Tok(0).End;

    private SqlToken Tok(int codePosition) => _tokens[_code[codePosition]];

    private void RemoveAll(List<ElementClause> clauses)
    {
        // From the last, so earlier positions stay valid; each takes the space before it along.
        foreach (var c in clauses.OrderByDescending(c => c.First))
        {
            var first = _code[c.First];
            Splice(first > 0 ? _tokens[first - 1].End : _tokens[first].Start, Tok(c.Last).End, "");
        }
    }

    private void Splice(int start, int end, string replacement) => Reparse(Text[..start] + replacement + Text[end..]);

    private void Reparse(string text)
    {
        Text = text;
        _tokens = SqliteSql.Tokenize(text);
        _code = Enumerable.Range(0, _tokens.Count).Where(i => !_tokens[i].IsComment).ToList();
        Clauses.Clear();
        ColumnName = null;
        _typeFrom = _typeTo = -1;
        if (_code.Count == 0) return;
        var head = Tok(0);
        if (head.Is("CONSTRAINT") || head.Is("PRIMARY") || head.Is("UNIQUE") || head.Is("CHECK") || head.Is("FOREIGN"))
        {
            Clauses.Add(ReadClause(0, _code.Count - 1));
            return;
        }
        ColumnName = head.Identifier;
        var p = SkipToClause(1);
        if (p > 1) (_typeFrom, _typeTo) = (1, p - 1);
        while (p < _code.Count)
        {
            var next = SkipToClause(p + 1);
            Clauses.Add(ReadClause(p, next - 1));
            p = next;
        }
    }

    /// <summary>The first position at or after <paramref name="p"/> that starts a column clause (outside parentheses).</summary>
    private int SkipToClause(int p)
    {
        var depth = 0;
        for (; p < _code.Count; p++)
        {
            var t = Tok(p);
            if (t.IsSymbol('(')) depth++;
            else if (t.IsSymbol(')')) depth--;
            else if (depth == 0 && StartsClause(p)) return p;
        }
        return p;
    }

    private bool StartsClause(int p)
    {
        var t = Tok(p);
        var prev = Tok(p - 1);
        if (prev.Is("CONSTRAINT") || (p >= 2 && Tok(p - 2).Is("CONSTRAINT"))) return false; // a constraint's name, then its kind
        if (t.Is("CONSTRAINT") || t.Is("PRIMARY") || t.Is("UNIQUE") || t.Is("CHECK") || t.Is("COLLATE") || t.Is("REFERENCES") || t.Is("GENERATED")) return true;
        if (t.Is("DEFAULT")) return !prev.Is("SET");                                 // ON DELETE SET DEFAULT
        if (t.Is("NOT")) return p + 1 < _code.Count && Tok(p + 1).Is("NULL");       // not NOT DEFERRABLE
        if (t.Is("NULL")) return !(prev.Is("NOT") || prev.Is("DEFAULT") || prev.Is("SET"));
        if (t.Is("AS")) return !prev.Is("ALWAYS");
        return false;
    }

    private ElementClause ReadClause(int from, int to)
    {
        var i = from;
        string? name = null;
        if (Tok(i).Is("CONSTRAINT") && i + 1 <= to)
        {
            name = Tok(i + 1).Identifier;
            i += 2;
        }
        var kind = i > to ? "" : Tok(i).Text.ToUpperInvariant() switch
        {
            "NOT" => "NOT NULL",
            "AS" => "GENERATED",
            var k => k,
        };
        string? expression = null;
        var columns = new List<string>();
        var open = Enumerable.Range(i, Math.Max(0, to - i + 1)).FirstOrDefault(p => Tok(p).IsSymbol('('), -1);
        if (open >= 0)
        {
            var close = MatchParen(open);
            if (kind is "CHECK" or "GENERATED") expression = Text[Tok(open).End..Tok(close).Start].Trim();
            else if (ColumnName is null && kind is "PRIMARY" or "UNIQUE" or "FOREIGN")
            {
                // The first word of each item: "a COLLATE NOCASE DESC" names a.
                var itemStart = true;
                for (var p = open + 1; p < close; p++)
                {
                    if (itemStart && Tok(p).IsName) columns.Add(Tok(p).Identifier);
                    itemStart = Tok(p).IsSymbol(',');
                }
            }
        }
        return new ElementClause(kind, name, from, to, expression, columns);
    }

    private int MatchParen(int open)
    {
        var depth = 0;
        for (var p = open; p < _code.Count; p++)
        {
            if (Tok(p).IsSymbol('(')) depth++;
            else if (Tok(p).IsSymbol(')') && --depth == 0) return p;
        }
        throw new RetortException($"Unbalanced parentheses in the SQLite table definition element '{Text}'.");
    }

    /// <summary>True when the clause's CHECK or generated expression, or the constraint's columns, name <paramref name="column"/>.</summary>
    public static bool Names(ElementClause clause, string column) =>
        clause.Columns.Any(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase))
        || (clause.Expression is { } e && SqlText.MentionsIdentifier(e, column));
}

/// <summary>
/// A clause of a column definition, or a whole table constraint: its kind (<c>NOT NULL</c>, <c>DEFAULT</c>, <c>CHECK</c>,
/// <c>GENERATED</c>, <c>PRIMARY</c>, <c>FOREIGN</c>, …), its <c>CONSTRAINT</c> name, where it is (positions among the
/// element's tokens that are not comments), a CHECK or generated expression, and a table constraint's key columns.
/// </summary>
internal sealed record ElementClause(string Kind, string? Name, int First, int Last, string? Expression, IReadOnlyList<string> Columns);
