using Retort.Dialects;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// Reads tables from the system catalogs: one query each for tables, columns, constraints and indexes, for the
/// whole schema at once, so the cost does not grow in round trips with the number of tables.
/// </summary>
internal sealed class CatalogReader(DbConnection connection, DbTransaction? transaction)
{
    // Shared by every query: the schema (null: current_schema()) and an optional single table.
    private const string Filter = "n.nspname = COALESCE(@schema, current_schema()) AND (@table IS NULL OR c.relname = @table)";

    private const string TablesSql = $"""
        SELECT c.oid, c.relname, obj_description(c.oid, 'pg_class'), n.nspname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND {Filter}
        ORDER BY c.relname
        """;

    private const string ColumnsSql = $"""
        SELECT a.attrelid, a.attname, t.typname, format_type(a.atttypid, a.atttypmod), a.atttypmod, a.attnotnull,
               pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, col_description(a.attrelid, a.attnum), t.typtype::text,
               CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END,
               tn.nspname
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND {Filter}
        ORDER BY a.attrelid, a.attnum
        """;

    private const string ConstraintsSql = $"""
        SELECT con.conrelid, con.conname, con.contype::text,
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
               fn.nspname, fc.relname,
               ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
               con.confdeltype::text, con.confupdtype::text, pg_get_constraintdef(con.oid, true)
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE con.contype IN ('p', 'f', 'u', 'c') AND c.relkind IN ('r', 'p') AND {Filter}
        """;

    // Indexes that back a primary key, unique or exclusion constraint belong to the constraint, not the model's
    // index list; INVALID indexes are leftovers of a failed concurrent build.
    private const string IndexesSql = $"""
        SELECT i.indrelid, ic.relname, i.indisunique,
               ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k),
               ARRAY(SELECT COALESCE(a.attname::text, '') FROM generate_series(1, i.indnkeyatts) k
                     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = (i.indkey::int2[])[k - 1] ORDER BY k),
               pg_get_expr(i.indpred, i.indrelid, true)
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.indisvalid AND c.relkind IN ('r', 'p') AND {Filter}
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                          WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
        """;

    public async Task<IReadOnlyList<Table>> ReadAsync(string? schema, string? table, CancellationToken ct)
    {
        var tables = new List<(uint Oid, string Name, string? Comment, string Schema)>();
        foreach (var r in await QueryAsync(TablesSql, schema, table, ct))
            tables.Add(((uint)r[0]!, (string)r[1]!, r[2] as string, (string)r[3]!));
        if (tables.Count == 0) return [];
        var actualSchema = tables[0].Schema;

        var columns = new Dictionary<uint, List<Column>>();
        foreach (var r in await QueryAsync(ColumnsSql, schema, table, ct))
        {
            var type = r[10] is string[] labels
                // An enum in the table's own schema is written without one, as a model names it.
                ? new EnumType((string)r[2]!, labels.ToValueList(), (string)r[11]! == actualSchema ? schema : (string)r[11]!)
                : TypeMapper.FromCatalog((string)r[2]!, (string)r[3]!, (int)r[4]!, (string)r[9]!);
            var identity = (string)r[7]! is "a" or "d";
            var rawDefault = r[6] as string;
            // A serial column's sequence default is how PostgreSQL spelled identity before identity columns.
            if (rawDefault is not null && rawDefault.StartsWith("nextval(", StringComparison.Ordinal)) { identity = true; rawDefault = null; }
            var column = new Column((string)r[1]!, type, nullable: !(bool)r[5]!, serverDefault: DefaultParser.Parse(rawDefault, type), comment: r[8] as string)
            { Identity = identity };
            Add(columns, (uint)r[0]!, column);
        }

        var pks = new Dictionary<uint, PrimaryKeyConstraint>();
        var fks = new Dictionary<uint, List<ForeignKeyConstraint>>();
        var uqs = new Dictionary<uint, List<UniqueConstraint>>();
        var cks = new Dictionary<uint, List<CheckConstraint>>();
        foreach (var r in await QueryAsync(ConstraintsSql, schema, table, ct))
        {
            var oid = (uint)r[0]!;
            var name = (string)r[1]!;
            var cols = ((string[])r[3]!).ToValueList();
            switch ((string)r[2]!)
            {
                case "p": pks[oid] = new PrimaryKeyConstraint(cols, name); break;
                case "u": Add(uqs, oid, new UniqueConstraint(cols, name)); break;
                case "c": Add(cks, oid, new CheckConstraint(CheckExpression((string)r[9]!), name)); break;
                case "f":
                    var referredSchema = (string)r[4]!;
                    Add(fks, oid, new ForeignKeyConstraint(cols, (string)r[5]!, ((string[])r[6]!).ToValueList(), name)
                    {
                        ReferredSchema = referredSchema == actualSchema ? null : referredSchema,
                        OnDelete = Action((string)r[7]!),
                        OnUpdate = Action((string)r[8]!),
                    });
                    break;
            }
        }

        var indexes = new Dictionary<uint, List<TableIndex>>();
        foreach (var r in await QueryAsync(IndexesSql, schema, table, ct))
        {
            var definitions = (string[])r[3]!;
            var names = (string[])r[4]!;
            var expressions = names.Any(n => n.Length == 0);
            var where = r[5] is string w ? SqlExpressions.StripOuterParentheses(w) : null;
            Add(indexes, (uint)r[0]!, new TableIndex((string)r[1]!, (expressions ? definitions : names).ToValueList())
            {
                Unique = (bool)r[2]!, Expressions = expressions, Where = where,
            });
        }

        return tables.Select(t => Table.Create(t.Name, schema, columns.GetValueOrDefault(t.Oid) ?? [], pks.GetValueOrDefault(t.Oid),
            fks.GetValueOrDefault(t.Oid), uqs.GetValueOrDefault(t.Oid), cks.GetValueOrDefault(t.Oid), indexes.GetValueOrDefault(t.Oid), t.Comment)).ToList();
    }

    private static void Add<T>(Dictionary<uint, List<T>> map, uint key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    // pg_get_constraintdef gives "CHECK (expr)"; the model holds the bare condition.
    private static string CheckExpression(string definition)
    {
        var text = definition.Trim();
        if (text.StartsWith("CHECK ", StringComparison.Ordinal)) text = text[6..].Trim();
        if (text.EndsWith(" NOT VALID", StringComparison.Ordinal)) text = text[..^10].Trim();
        return SqlExpressions.StripOuterParentheses(text);
    }

    private static ReferentialAction Action(string code) => code switch
    {
        "r" => ReferentialAction.Restrict,
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };

    private async Task<List<object?[]>> QueryAsync(string sql, string? schema, string? table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter("schema", NpgsqlDbType.Text) { Value = (object?)schema ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("table", NpgsqlDbType.Text) { Value = (object?)table ?? DBNull.Value });
        return await command.ReadRowsAsync(ct);
    }
}
