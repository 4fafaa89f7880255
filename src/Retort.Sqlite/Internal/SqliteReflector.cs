using Retort.Dialects;
using System.Data.Common;
using System.Globalization;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.Sqlite.Internal;

/// <summary>
/// Reads a live SQLite database into the schema model: PRAGMAs for columns, keys and indexes, the stored
/// CREATE statements for what PRAGMAs do not report (constraint names, checks, comments, options).
/// </summary>
internal sealed class SqliteReflector(DbConnection connection, DbTransaction? transaction, string? schema)
{
    private string Prefix => schema is null or "main" ? "" : "\"" + schema.Replace("\"", "\"\"") + "\".";
    private string Master => schema is null or "main" ? "sqlite_master" : Prefix + "sqlite_master";

    public async Task<IReadOnlyList<Table>> ReadAllAsync(CancellationToken ct)
    {
        var names = await QueryAsync($"SELECT name FROM {Master} WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", [], ct);
        var tables = new List<Table>();
        foreach (var row in names)
            if (await ReadTableAsync((string)row[0]!, ct) is { } t) tables.Add(t);
        return tables;
    }

    public async Task<Table?> ReadTableAsync(string name, CancellationToken ct)
    {
        var master = await QueryAsync($"SELECT sql FROM {Master} WHERE type = 'table' AND name = @name", [("name", name)], ct);
        if (master.Count == 0) return null;
        var parsed = CreateTableParser.Parse((string)master[0][0]!);
        var q = "\"" + name.Replace("\"", "\"\"") + "\"";

        var columns = new List<Column>();
        var pk = new SortedDictionary<long, string>();
        foreach (var r in await QueryAsync($"PRAGMA {Prefix}table_xinfo({q})", [], ct))
        {
            if (Convert.ToInt64(r[6], CultureInfo.InvariantCulture) != 0) continue; // hidden / generated
            var colName = (string)r[1]!;
            var type = SqliteTypes.Parse(r[2] as string ?? "");
            var notNull = Convert.ToInt64(r[3], CultureInfo.InvariantCulture) != 0;
            var pkPos = Convert.ToInt64(r[5], CultureInfo.InvariantCulture);
            if (pkPos > 0) pk[pkPos] = colName;
            columns.Add(new Column(colName, type, nullable: !notNull)
            {
                Default = ParseDefault(r[4] as string, type),
                Comment = parsed.ColumnComments.GetValueOrDefault(colName),
            });
        }

        var fks = new List<ForeignKeyConstraint>();
        foreach (var g in (await QueryAsync($"PRAGMA {Prefix}foreign_key_list({q})", [], ct)).GroupBy(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)))
        {
            var rows = g.OrderBy(r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture)).ToList();
            var local = rows.Select(r => (string)r[3]!).ToValueList();
            parsed.ForeignKeyNames.TryGetValue(string.Join(",", local), out var fkName);
            fks.Add(new ForeignKeyConstraint(local, (string)rows[0][2]!, rows.Select(r => (string)r[4]!).ToValueList(), fkName)
            {
                OnUpdate = Action((string)rows[0][5]!),
                OnDelete = Action((string)rows[0][6]!),
            });
        }

        var uniques = new List<UniqueConstraint>();
        var indexes = new List<Schema.TableIndex>();
        foreach (var r in await QueryAsync($"PRAGMA {Prefix}index_list({q})", [], ct))
        {
            var indexName = (string)r[1]!;
            var unique = Convert.ToInt64(r[2], CultureInfo.InvariantCulture) != 0;
            var origin = (string)r[3]!;
            if (origin == "pk") continue;
            var qi = "\"" + indexName.Replace("\"", "\"\"") + "\"";
            var cols = (await QueryAsync($"PRAGMA {Prefix}index_info({qi})", [], ct))
                .OrderBy(c => Convert.ToInt64(c[0], CultureInfo.InvariantCulture)).Select(c => c[2] as string).ToList();
            if (origin == "u")
            {
                var list = cols.Select(c => c!).ToValueList();
                uniques.Add(new UniqueConstraint(list, parsed.UniqueNames.GetValueOrDefault(string.Join(",", list))));
                continue;
            }
            var sqlRows = await QueryAsync($"SELECT sql FROM {Master} WHERE type = 'index' AND name = @name", [("name", indexName)], ct);
            indexes.Add(ParseIndex(indexName, unique, cols, sqlRows.Count > 0 ? sqlRows[0][0] as string : null));
        }

        // A column declared "INTEGER PRIMARY KEY" inline is reported by table_xinfo only; its constraint name comes from the text.
        var primaryKey = pk.Count == 0 ? null : new PrimaryKeyConstraint(pk.Values.ToValueList(), parsed.PrimaryKeyName);
        return Table.Create(name, schema is "main" ? null : schema, columns, primaryKey, fks, uniques, parsed.Checks, indexes, parsed.Comment, parsed.Options);
    }

    private static Schema.TableIndex ParseIndex(string name, bool unique, List<string?> columns, string? sql)
    {
        string? where = null;
        var expressions = columns.Any(c => c is null);
        var exprList = new List<string>();
        if (sql is not null)
        {
            var tokens = SqliteSql.Tokenize(sql);
            var open = tokens.FindIndex(t => t.IsSymbol('('));
            var close = SqliteSql.MatchParen(tokens, open);
            var w = tokens.FindIndex(close, t => t.Is("WHERE"));
            if (w >= 0) where = sql[tokens[w].End..].Trim().TrimEnd(';').Trim();
            if (expressions)
            {
                var depth = 0;
                var start = tokens[open].End;
                for (var i = open + 1; i <= close; i++)
                {
                    if (tokens[i].IsSymbol('(')) depth++;
                    else if (tokens[i].IsSymbol(')') && depth > 0) depth--;
                    else if (depth == 0 && (tokens[i].IsSymbol(',') || i == close))
                    {
                        exprList.Add(sql[start..tokens[i].Start].Trim());
                        start = tokens[i].End;
                    }
                }
            }
        }
        var list = expressions ? exprList.ToValueList() : columns.Select(c => c!).ToValueList();
        return new Schema.TableIndex(name, list) { Unique = unique, Where = where, Expressions = expressions };
    }

    private static ServerDefault? ParseDefault(string? text, SqlType type)
    {
        if (text is null) return null;
        var t = text.Trim();
        if (t.StartsWith('(') && t.EndsWith(')') && Balanced(t[1..^1])) return ServerDefault.Sql(t[1..^1]);
        if (IsOneString(t))
        {
            var s = t[1..^1].Replace("''", "'");
            return ServerDefault.Literal(s);
        }
        if (t.Equals("NULL", StringComparison.OrdinalIgnoreCase)) return null;
        if (type is BooleanType && t is "0" or "1") return ServerDefault.Literal(t == "1");
        if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            return ServerDefault.Literal(l);
        if (type is NumericType && decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)) return ServerDefault.Literal(m);
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return ServerDefault.Literal(d);
        return ServerDefault.Sql(t);
    }

    // True when the parentheses outside strings and quoted names pair up: "(a) + (b)" is not one parenthesised expression.
    private static bool Balanced(string s)
    {
        var depth = 0;
        foreach (var token in SqlLexer.Tokenize(s, SqliteSql.Flavor).SkipTrivia())
        {
            if (token.IsSymbol('(')) depth++;
            else if (token.IsSymbol(')') && --depth < 0) return false;
        }
        return depth == 0;
    }

    // True when the whole text is one string literal, '…' (not 'a' || 'b').
    private static bool IsOneString(string s) =>
        SqlLexer.Tokenize(s, SqliteSql.Flavor).TryFirst(out var token)
        && token is { Kind: SqlTokenKind.String, IsUnterminated: false, Start: 0 } && token.End == s.Length;

    private static ReferentialAction Action(string text) => text.ToUpperInvariant() switch
    {
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        "RESTRICT" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };

    private async Task<List<object?[]>> QueryAsync(string sql, (string Name, object Value)[] parameters, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (n, v) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + n;
            p.Value = v;
            command.Parameters.Add(p);
        }
        return await command.ReadRowsAsync(ct);
    }
}
