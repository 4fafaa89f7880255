using Retort.Runner;
using System.Security.Cryptography;
using System.Text;
using Retort.Connections;
using Retort.Schema;

namespace Retort.Specification.Data;

/// <summary>The data the data migration tests move, and a checksum over query results.</summary>
public static class DataFixtures
{
    /// <summary>
    /// Creates items(id, data, data_upper, counter) with <paramref name="rows"/> rows and ASCII text. The id is a
    /// <c>BIGINT</c> with gaps (every third value, so a backfill finds its batches' ends by row count), or with
    /// <paramref name="integerKey"/> a gapless <c>INTEGER</c> (on SQLite the rowid; batches bounded by key value).
    /// </summary>
    public static async Task CreateItemsAsync(TestDatabase db, int rows, bool integerKey = false)
    {
        var m = new MetaData();
        _ = new Table("items", m,
            new Column("id", integerKey ? SqlType.Integer : SqlType.BigInteger, primaryKey: true),
            new Column("data", SqlType.Text, nullable: false),
            new Column("data_upper", SqlType.Text),
            new Column("counter", SqlType.Integer, nullable: false, serverDefault: ServerDefault.Literal(0)));
        await m.CreateAllAsync(db.Database);
        for (var start = 0; start < rows; start += 500)
        {
            var values = Enumerable.Range(start, Math.Min(500, rows - start)).Select(i => $"({(integerKey ? i + 1 : i * 3 + 1)}, 'item {i} {new string((char)('a' + i % 26), 20 + i % 7)}')");
            await db.ExecAsync("INSERT INTO items (id, data) VALUES " + string.Join(", ", values));
        }
    }

    /// <summary>SHA-256 over the rows, one per line.</summary>
    public static string Checksum(IEnumerable<string> rows) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))));

    /// <summary>Everything the probe's revision writes, as a checksum plus counts for readable failures.</summary>
    public static async Task<string> ProbeResultAsync(TestDatabase db)
    {
        var copy = await db.RowsAsync("SELECT id, data_upper FROM items_copy ORDER BY id, data_upper");
        var items = await db.RowsAsync("SELECT id, data, data_upper, counter FROM items ORDER BY id");
        return $"copy={copy.Count} items={items.Count} counter1={items.Count(r => r.EndsWith("|1", StringComparison.Ordinal))} " +
               $"copy#{Checksum(copy)[..16]} items#{Checksum(items)[..16]}";
    }
}
