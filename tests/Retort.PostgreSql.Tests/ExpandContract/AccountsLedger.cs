using System.Globalization;
using Npgsql;
using Retort.PostgreSql.Tests.Infrastructure;

namespace Retort.PostgreSql.Tests.ExpandContract;

/// <summary>
/// The table the kill tests migrate (<c>accounts</c>: id, balance integer, note) and the application around it: the
/// old version writes <c>balance</c> through the old version's views (the table itself before they exist), the new
/// version writes its column through the new version's views once they exist. Every acknowledged write goes into the
/// ledger, the value each row must hold afterwards.
/// </summary>
internal sealed class AccountsLedger(PgDatabase db, string newColumn, string newType)
{
    /// <summary>Rows the table starts with.</summary>
    public const int Rows = 3000; // the backfill's first batch is 1,000 rows: a kill can land between batches

    private readonly Dictionary<long, long> _expected = Enumerable.Range(1, Rows).ToDictionary(i => (long)i, i => (long)(i * 7 % 10_000));
    private long _nextId = 100_000;

    /// <summary>Writes made so far (for messages).</summary>
    public int Writes { get; private set; }

    /// <summary>The expected value of every row.</summary>
    public IReadOnlyDictionary<long, long> Expected => _expected;

    /// <summary>Creates and fills the table.</summary>
    public async Task CreateAsync() =>
        await db.ExecuteAsync($"""
            CREATE TABLE accounts (id bigint PRIMARY KEY, balance integer NOT NULL, note text);
            INSERT INTO accounts SELECT g, g * 7 % 10000, 'row ' || g FROM generate_series(1, {Rows}) g;
            """);

    /// <summary>Schemas other than public with a view <c>accounts</c>: (old version's, new version's), either null.</summary>
    public async Task<(string? Old, string? New)> VersionsAsync()
    {
        var rows = await db.QueryAsync("""
            SELECT c.table_schema, c.column_name, c.data_type FROM information_schema.columns c
              JOIN information_schema.views v ON v.table_schema = c.table_schema AND v.table_name = c.table_name
             WHERE c.table_name = 'accounts' AND c.table_schema <> 'public' AND c.table_schema NOT LIKE 'pg\_%'
            """);
        string? old = null, @new = null;
        foreach (var schema in rows.GroupBy(r => (string)r[0]!))
        {
            var columns = schema.ToDictionary(r => (string)r[1]!, r => (string)r[2]!);
            if (columns.GetValueOrDefault(newColumn) == newType && (newColumn == "balance" || !columns.ContainsKey("balance"))) @new = schema.Key;
            else if (columns.GetValueOrDefault("balance") == "integer" && !columns.ContainsKey(newColumn == "balance" ? "-" : newColumn)) old = schema.Key;
        }
        return (old, @new);
    }

    /// <summary>
    /// The applications write a few rows each (updates of random rows, one insert): the old one through its version's
    /// views (or the table while there are none) unless <paramref name="oldGone"/>, the new one through its version's
    /// views when they exist. Returns where they wrote, for messages.
    /// </summary>
    public async Task<string> WriteAsync(Random random, bool oldGone = false)
    {
        var (old, @new) = await VersionsAsync();
        var wrote = new List<string>();
        if (!oldGone)
        {
            await WriteThroughAsync(random, old ?? "public", "balance");
            wrote.Add($"old version through {old ?? "public"}");
        }
        if (@new is not null)
        {
            await WriteThroughAsync(random, @new, newColumn);
            wrote.Add($"new version through {@new}");
        }
        return string.Join(", ", wrote);
    }

    private async Task WriteThroughAsync(Random random, string schema, string column)
    {
        await using var connection = await db.ConnectAsync();
        await Exec(connection, $"SET search_path TO \"{schema}\"");
        for (var i = 0; i < 5; i++)
        {
            var id = (long)random.Next(1, Rows + 1);
            var value = (long)random.Next(0, 1_000_000_000);
            await Exec(connection, $"UPDATE accounts SET \"{column}\" = {value} WHERE id = {id}");
            _expected[id] = value;
            Writes++;
        }
        var key = ++_nextId;
        var inserted = (long)random.Next(0, 1_000_000_000);
        await Exec(connection, $"INSERT INTO accounts (id, \"{column}\", note) VALUES ({key}, {inserted}, 'app')");
        _expected[key] = inserted;
        Writes++;
    }

    /// <summary>Every row's value through <paramref name="schema"/>'s <c>accounts</c> and <paramref name="column"/>, by id.</summary>
    public async Task<Dictionary<long, long>> ReadAsync(string schema, string column)
    {
        var rows = await db.QueryAsync($"SELECT id, \"{column}\" FROM \"{schema}\".accounts");
        return rows.ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Null when every row reads back as the ledger says through that schema and column; else what differs.</summary>
    public async Task<string?> DifferencesAsync(string schema, string column)
    {
        var actual = await ReadAsync(schema, column);
        var lost = _expected.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        var wrong = _expected.Where(e => actual.TryGetValue(e.Key, out var v) && v != e.Value).Select(e => e.Key).ToList();
        var extra = actual.Keys.Where(k => !_expected.ContainsKey(k)).ToList();
        if (lost.Count + wrong.Count + extra.Count == 0) return null;
        return $"through {schema}.accounts.{column}: {lost.Count} rows lost, {wrong.Count} wrong, {extra.Count} unexpected of {_expected.Count} " +
            $"(after {Writes} application writes); e.g. " +
            string.Join("; ", lost.Take(3).Select(k => $"id {k} lost (expected {_expected[k]})")
                .Concat(wrong.Take(3).Select(k => $"id {k}: expected {_expected[k]}, read {actual[k]}"))
                .Concat(extra.Take(3).Select(k => $"id {k} unexpected")));
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
