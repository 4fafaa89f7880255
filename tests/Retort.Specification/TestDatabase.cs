using System.Globalization;
using Retort.Connections;

namespace Retort.Specification;

/// <summary>
/// A fresh, empty database of one dialect for one test, made by the dialect's <see cref="TestDatabaseFactory"/>.
/// The specification suites are written once against this class; each dialect's test project implements it once.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The database under test, opened through Retort.</summary>
    public abstract Database Database { get; }

    /// <summary>A URL for opening more connections (concurrency tests, probe processes).</summary>
    public abstract string Url { get; }

    /// <summary>Runs SQL (one or more statements) outside Retort.</summary>
    public abstract Task ExecAsync(string sql);

    /// <summary>Runs a query outside Retort.</summary>
    public abstract Task<List<object?[]>> QueryAsync(string sql);

    /// <summary>Checks the database's own consistency (SQLite: integrity and foreign key checks); nothing by default.</summary>
    public virtual Task AssertConsistentAsync() => Task.CompletedTask;

    /// <summary>The first column of the first row, or null.</summary>
    public async Task<object?> ScalarAsync(string sql) => (await QueryAsync(sql)).FirstOrDefault()?[0];

    /// <summary>The number of rows of <paramref name="table"/> (it may carry a WHERE clause).</summary>
    public async Task<long> CountAsync(string table) =>
        Convert.ToInt64(await ScalarAsync($"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    /// <summary>Rows as strings ("1|ann"), nulls as "∅", booleans as 1 and 0, numbers without type noise: the dialects' CLR types hidden.</summary>
    public async Task<List<string>> RowsAsync(string sql) =>
        (await QueryAsync(sql)).Select(r => string.Join("|", r.Select(Text))).ToList();

    /// <summary>Closes the database and removes it.</summary>
    public abstract ValueTask DisposeAsync();

    private static string Text(object? v) => v switch
    {
        null => "∅",
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
