using Retort.Schema;
using Retort.Sql;

namespace Retort.Sqlite.Internal;

/// <summary>
/// Reads what PRAGMAs do not report from a stored CREATE TABLE statement: constraint names, CHECK
/// constraints (named or not), comments, STRICT and WITHOUT ROWID.
/// </summary>
internal static class CreateTableParser
{
    public static ParsedTable Parse(string sql)
    {
        var result = new ParsedTable();
        var tokens = SqliteSql.Tokenize(sql);
        var open = tokens.FindIndex(t => t.IsSymbol('('));
        if (open < 0) return result;
        // A comment between the table name and "(" is the table comment.
        var before = tokens.Take(open).LastOrDefault();
        if (before.IsComment) result.Comment = before.CommentText;
        var close = SqliteSql.MatchParen(tokens, open);

        foreach (var element in SplitTopLevel(tokens, open + 1, close))
            ParseElement(sql, element, result);

        var tail = tokens.Skip(close + 1).ToList();
        if (tail.Any(t => t.Is("STRICT"))) result.Options.Add(SqliteOptions.Strict);
        if (tail.Any(t => t.Is("ROWID"))) result.Options.Add(SqliteOptions.WithoutRowId);
        return result;
    }

    private static List<List<SqlToken>> SplitTopLevel(List<SqlToken> tokens, int from, int to)
    {
        var parts = new List<List<SqlToken>> { new() };
        var depth = 0;
        for (var i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t.IsSymbol('(')) depth++;
            if (t.IsSymbol(')')) depth--;
            if (depth == 0 && t.IsSymbol(',')) { parts.Add([]); continue; }
            parts[^1].Add(t);
        }
        return parts.Where(p => p.Count > 0).ToList();
    }

    private static void ParseElement(string sql, List<SqlToken> element, ParsedTable result)
    {
        var first = element.FindIndex(t => !t.IsComment);
        if (first < 0) return;
        var head = element[first];
        var isConstraint = head.Is("CONSTRAINT") || head.Is("PRIMARY") || head.Is("UNIQUE") || head.Is("CHECK") || head.Is("FOREIGN");
        string? columnName = isConstraint ? null : head.Identifier;
        if (columnName is not null)
        {
            var comment = element.Skip(first + 1).FirstOrDefault(t => t.IsComment);
            if (comment.IsComment) result.ColumnComments[columnName] = comment.CommentText;
        }
        string? pendingName = null;
        for (var i = columnName is null ? first : first + 1; i < element.Count; i++)
        {
            var t = element[i];
            if (t.Is("CONSTRAINT") && i + 1 < element.Count) { pendingName = element[++i].Identifier; continue; }
            if (t.Is("CHECK") && i + 1 < element.Count && element[i + 1].IsSymbol('('))
            {
                var close = MatchParen(element, i + 1);
                var expression = sql[element[i + 1].End..element[close].Start].Trim();
                result.Checks.Add(new CheckConstraint(expression, pendingName));
                pendingName = null;
                i = close;
                continue;
            }
            if (t.Is("PRIMARY"))
            {
                result.PrimaryKeyName = pendingName;
                pendingName = null;
                continue;
            }
            if (t.Is("UNIQUE"))
            {
                var cols = columnName is not null ? [columnName] : ColumnList(element, i + 1);
                if (pendingName is not null) result.UniqueNames[string.Join(",", cols)] = pendingName;
                pendingName = null;
                continue;
            }
            if (t.Is("FOREIGN") || t.Is("REFERENCES"))
            {
                var cols = t.Is("REFERENCES") && columnName is not null ? [columnName] : ColumnList(element, i + 2);
                if (pendingName is not null) result.ForeignKeyNames[string.Join(",", cols)] = pendingName;
                pendingName = null;
                // Skip to the end of this clause's column lists.
                continue;
            }
        }
    }

    private static List<string> ColumnList(List<SqlToken> element, int from)
    {
        var open = -1;
        for (var i = from; i < element.Count; i++) if (element[i].IsSymbol('(')) { open = i; break; }
        if (open < 0) return [];
        var close = MatchParen(element, open);
        return element.Skip(open + 1).Take(close - open - 1)
            .Where(t => t.IsName)
            .Where(t => !t.Is("ASC") && !t.Is("DESC") && !t.Is("COLLATE"))
            .Select(t => t.Identifier).ToList();
    }

    private static int MatchParen(List<SqlToken> tokens, int open) => SqliteSql.MatchParen(tokens, open);
}
