using System.Text;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Sqlite.Tests.Support;

/// <summary>
/// Everything SQLite knows about the user's tables, as comparable lines: each object's CREATE statement (normalised
/// for spacing, case and quoting; a table's constraints as a set), every column as <c>PRAGMA table_xinfo</c> reports it,
/// foreign keys with their actions, indexes with their columns, collations, order and WHERE, the AUTOINCREMENT sequence
/// values, every row with its storage types, and Retort's own reflection (expressions compared canonically).
/// </summary>
public static class SchemaSnapshot
{
    public static async Task<List<string>> TakeAsync(TempDatabase db)
    {
        var lines = new List<string>();
        var objects = db.Query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name NOT LIKE 'retort\\_%' ESCAPE '\\' " +
            "AND name <> 'sqlite_sequence' ORDER BY type, name");
        foreach (var o in objects)
            lines.Add($"{o[0]} {o[1]} on {o[2]}: {(o[3] is string sql ? Normalize(sql, (string)o[0]! == "table") : "(automatic)")}");
        var tables = objects.Where(o => (string)o[0]! == "table").Select(o => (string)o[1]!).ToList();
        foreach (var table in tables)
        {
            var q = "\"" + table.Replace("\"", "\"\"") + "\"";
            foreach (var r in db.Query($"PRAGMA table_xinfo({q})")) lines.Add($"{table} column: {Join(r)}");
            foreach (var r in db.Query($"PRAGMA foreign_key_list({q})").OrderBy(Join, StringComparer.Ordinal)) lines.Add($"{table} fk: {Join(r.Skip(2))}");
            foreach (var r in db.Query($"PRAGMA index_list({q})").OrderBy(r => (string)r[1]!, StringComparer.Ordinal))
            {
                lines.Add($"{table} index: {Join(r.Skip(1))}");
                foreach (var c in db.Query($"PRAGMA index_xinfo(\"{((string)r[1]!).Replace("\"", "\"\"")}\")")) lines.Add($"{table} index {r[1]} key: {Join(c)}");
            }
            var columns = db.Query($"PRAGMA table_xinfo({q})").Select(r => "quote(\"" + ((string)r[1]!).Replace("\"", "\"\"") + "\")");
            foreach (var r in db.Query($"SELECT {string.Join(" || '|' || ", columns)} FROM {q} ORDER BY 1")) lines.Add($"{table} row: {r[0]}");
            var reflected = (await db.Database.ReflectTableAsync(table))!;
            lines.Add($"{table} reflected: {Describe(reflected)}");
        }
        if (db.Scalar("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'") is not null)
            foreach (var r in db.Query("SELECT name, seq FROM sqlite_sequence WHERE name NOT LIKE 'retort\\_%' ESCAPE '\\' ORDER BY name")) lines.Add($"sequence: {Join(r)}");
        return lines;
    }

    private static string Join(IEnumerable<object?> row) => string.Join("|", row.Select(v => v switch { null => "NULL", byte[] b => Convert.ToHexString(b), _ => v.ToString() }));

    /// <summary>Retort's model of the table, with SQL fragments in canonical form (SQLite quotes a renamed name).</summary>
    private static string Describe(Table t)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(", ", t.Columns.Select(c => c with { Default = c.Default is ExpressionDefault e ? ServerDefault.Sql(SqlText.Canonical(e.Expression)) : c.Default })));
        sb.Append("; pk ").Append(t.PrimaryKey);
        foreach (var f in t.ForeignKeys) sb.Append("; ").Append(f);
        foreach (var u in t.UniqueConstraints) sb.Append("; ").Append(u);
        foreach (var c in t.CheckConstraints.Select(c => $"check {c.Name}: {SqlText.Canonical(c.Expression)}").Order(StringComparer.Ordinal)) sb.Append("; ").Append(c);
        foreach (var i in t.Indexes)
            sb.Append($"; index {i.Name} unique={i.Unique} expressions={i.Expressions} ({string.Join(", ", i.Columns.Select(SqlText.Canonical))})" +
                (i.Where is null ? "" : " where " + SqlText.Canonical(i.Where)));
        sb.Append("; comment ").Append(t.Comment).Append("; options ").Append(string.Join(",", t.Options));
        return sb.ToString();
    }

    /// <summary>
    /// Tokens joined by single spaces: keywords and identifiers in lower case without quotes, string literals and
    /// comments as written. For a table, its column definitions stay in order and its table constraints are sorted.
    /// </summary>
    public static string Normalize(string sql, bool table)
    {
        var tokens = Tokens(sql);
        if (!table) return string.Join(" ", tokens);
        var open = tokens.IndexOf("(");
        var depth = 0;
        var close = -1;
        for (var i = open; i < tokens.Count && close < 0; i++)
        {
            if (tokens[i] == "(") depth++;
            else if (tokens[i] == ")" && --depth == 0) close = i;
        }
        var elements = new List<List<string>> { new() };
        depth = 0;
        for (var i = open + 1; i < close; i++)
        {
            if (tokens[i] == "(") depth++;
            if (tokens[i] == ")") depth--;
            if (depth == 0 && tokens[i] == ",") { elements.Add([]); continue; }
            elements[^1].Add(tokens[i]);
        }
        static bool IsConstraint(List<string> e) => e.Count > 0 && e[0] is "constraint" or "primary" or "unique" or "check" or "foreign";
        var columns = elements.Where(e => !IsConstraint(e)).Select(e => string.Join(" ", e));
        var constraints = elements.Where(IsConstraint).Select(e => string.Join(" ", e)).Order(StringComparer.Ordinal);
        return $"{string.Join(" ", tokens.Take(open))} ( {string.Join(", ", columns)} ; {string.Join(", ", constraints)} ) {string.Join(" ", tokens.Skip(close + 1))}".TrimEnd();
    }

    private static List<string> Tokens(string sql)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                tokens.Add(sql[start..i].Trim());
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                tokens.Add(sql[start..i]);
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var closing = c == '[' ? ']' : c;
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == closing)
                    {
                        if (closing != ']' && i + 1 < sql.Length && sql[i + 1] == closing) { i += 2; continue; }
                        i++;
                        break;
                    }
                    i++;
                }
                var text = sql[start..i];
                tokens.Add(c == '\'' ? text : text[1..^1].Replace(new string(closing, 2), closing.ToString()).ToLowerInvariant());
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$')) i++;
                tokens.Add(sql[start..i].ToLowerInvariant());
            }
            else
            {
                i++;
                tokens.Add(c.ToString());
            }
        }
        return tokens;
    }
}
