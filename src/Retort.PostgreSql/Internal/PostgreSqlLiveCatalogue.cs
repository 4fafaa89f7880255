using System.Data.Common;
using Npgsql;
using Retort.Lint;
using Retort.Sql;

namespace Retort.PostgreSql.Internal;

/// <summary>
/// Row estimates and sizes of tables from the catalogue: <c>pg_class.reltuples</c> (what the last ANALYZE or VACUUM
/// counted) and <c>pg_total_relation_size</c> (table, indexes and TOAST). A table never analysed (<c>reltuples</c> is
/// -1) is asked whether it holds a row at all, and counted up to a bound when it does, so a new, empty table reads as
/// empty without scanning a large one.
/// </summary>
internal static class PostgreSqlLiveCatalogue
{
    // Rows counted at most for a table never analysed: enough to tell a small table from a large one.
    private const long CountBound = 1_000_000;

    public static async Task<LiveCatalogue> ReadAsync(DbConnection connection, ISqlSyntax syntax, IReadOnlyList<(string? Schema, string Name)> tables,
        Func<string?, Version?> parseVersion, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        var stats = new Dictionary<string, TableStats>(StringComparer.Ordinal);
        foreach (var (schema, name) in tables)
        {
            var qualified = syntax.QualifyName(schema, name);
            await using var command = new NpgsqlCommand(
                "SELECT c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c WHERE c.oid = to_regclass(@name)", npgsql);
            command.Parameters.AddWithValue("name", qualified);
            long rows, bytes;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct)) continue;
                rows = reader.GetInt64(0);
                bytes = reader.GetInt64(1);
            }
            if (rows < 0)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM (SELECT 1 FROM {qualified} LIMIT {CountBound}) AS sample", npgsql);
                rows = (long)(await count.ExecuteScalarAsync(ct))!;
            }
            stats[LintContext.Key(schema, name)] = new TableStats(rows, bytes);
        }
        return new LiveCatalogue(parseVersion(npgsql.PostgreSqlVersion.ToString()), stats);
    }
}
