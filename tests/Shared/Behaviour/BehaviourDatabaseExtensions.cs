using System.Globalization;

namespace Retort.Behaviour;

/// <summary>Small query helpers that hide the dialects' different CLR types for the same values.</summary>
public static class BehaviourDatabaseExtensions
{
    public static async Task<object?> ScalarAsync(this IBehaviourDatabase db, string sql) => (await db.QueryAsync(sql)).FirstOrDefault()?[0];

    public static async Task<long> CountAsync(this IBehaviourDatabase db, string table) =>
        Convert.ToInt64(await db.ScalarAsync($"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    /// <summary>Rows as strings ("1|ann"), nulls as "∅", numbers without type noise.</summary>
    public static async Task<List<string>> RowsAsync(this IBehaviourDatabase db, string sql) =>
        (await db.QueryAsync(sql)).Select(r => string.Join("|", r.Select(Text))).ToList();

    private static string Text(object? v) => v switch
    {
        null => "∅",
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
