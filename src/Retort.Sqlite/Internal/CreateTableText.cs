namespace Retort.Sqlite.Internal;

/// <summary>
/// A stored CREATE TABLE statement split into its comment, its elements (column definitions and table constraints,
/// each kept as written) and what follows the closing parenthesis (STRICT, WITHOUT ROWID). A rebuild edits the
/// elements its operations name and writes everything else back unchanged.
/// </summary>
internal sealed class CreateTableText
{
    private CreateTableText(string? comment, List<TableElementText> elements, string tail)
    {
        Comment = comment;
        Elements = elements;
        Tail = tail;
    }

    /// <summary>The comments between the table's name and "(" (Retort keeps the table comment there), or null.</summary>
    public string? Comment { get; set; }

    /// <summary>Column definitions and table constraints, in order.</summary>
    public List<TableElementText> Elements { get; }

    /// <summary>The text after the closing parenthesis, such as <c> STRICT</c>.</summary>
    public string Tail { get; }

    /// <summary>True when a column is <c>INTEGER PRIMARY KEY AUTOINCREMENT</c> (the table has a <c>sqlite_sequence</c> row).</summary>
    public bool HasAutoIncrement => Elements.Any(e => e.HasWord("AUTOINCREMENT"));

    public static CreateTableText Parse(string tableName, string sql)
    {
        var tokens = SqliteSql.Tokenize(sql);
        var open = tokens.FindIndex(t => t.IsSymbol('('));
        if (open < 0)
            throw new RetortException($"Table '{tableName}' cannot be rebuilt: its stored definition has no column list ({sql}).");
        var close = SqliteSql.MatchParen(tokens, open);
        var comments = tokens.Take(open).Reverse().TakeWhile(t => t.IsComment).Reverse().ToList();
        var comment = comments.Count == 0 ? null : sql[comments[0].Start..comments[^1].End];

        var elements = new List<TableElementText>();
        var depth = 0;
        var first = -1;
        for (var i = open + 1; i <= close; i++)
        {
            var t = tokens[i];
            if (depth == 0 && (i == close || t.IsSymbol(',')))
            {
                if (first >= 0) elements.Add(new TableElementText(sql[tokens[first].Start..tokens[i - 1].End]));
                first = -1;
                continue;
            }
            if (t.IsSymbol('(')) depth++;
            else if (t.IsSymbol(')')) depth--;
            if (first < 0) first = i;
        }
        return new CreateTableText(comment, elements, sql[tokens[close].End..].TrimEnd().TrimEnd(';').TrimEnd());
    }

    /// <summary>The definition of a column, or null.</summary>
    public TableElementText? Column(string name) =>
        Elements.FirstOrDefault(e => string.Equals(e.ColumnName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a column definition after the last column (before the table constraints, as SQLite's ADD COLUMN does).</summary>
    public void AddColumn(string definition) =>
        Elements.Insert(Elements.FindLastIndex(e => e.ColumnName is not null) + 1, new TableElementText(definition));

    /// <summary>Adds a table constraint at the end.</summary>
    public void AddConstraint(string definition) => Elements.Add(new TableElementText(definition));

    /// <summary>Removes the constraint named <paramref name="name"/>, whether it is a table constraint or a column's clause.</summary>
    public bool DropConstraint(string name)
    {
        var index = Elements.FindIndex(e => e.ColumnName is null && string.Equals(e.Clauses.FirstOrDefault()?.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            Elements.RemoveAt(index);
            return true;
        }
        return Elements.Any(e => e.ColumnName is not null && e.RemoveNamedClause(name));
    }

    /// <summary>The statement under <paramref name="qualifiedName"/> (already quoted).</summary>
    public string Render(string qualifiedName) =>
        "CREATE TABLE " + qualifiedName + (Comment is null ? "" : " " + Comment) + " (\n    "
        + string.Join(",\n    ", Elements.Select(e => e.EndsWithLineComment ? e.Text + "\n" : e.Text))
        + "\n)" + Tail;
}
