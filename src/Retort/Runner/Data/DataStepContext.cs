using System.Globalization;
using Microsoft.Extensions.Logging;
using Retort.Dialects;

namespace Retort.Runner.Data;

/// <summary>What the batches of a data step run on: the run's connection (through its executor), the dialect's data-migration SQL, the log.</summary>
internal sealed record DataStepContext(OnlineExecutor Executor, Dialect Dialect, ILogger Logger)
{
    public DataMigrationSupport Sql => Dialect.DataMigrations;

    /// <summary>The parameters of a batch statement: <c>@k0…</c> the key to start after, <c>@u0…</c> the key to end at, <c>@limit</c>.</summary>
    public static Dictionary<string, object?> Params(object?[]? after, object?[]? upTo, int? limit)
    {
        var p = new Dictionary<string, object?>();
        for (var i = 0; after is not null && i < after.Length; i++) p["k" + i.ToString(CultureInfo.InvariantCulture)] = after[i];
        for (var i = 0; upTo is not null && i < upTo.Length; i++) p["u" + i.ToString(CultureInfo.InvariantCulture)] = upTo[i];
        if (limit is { } l) p["limit"] = l;
        return p;
    }

    /// <summary>The next key of <paramref name="source"/> after <paramref name="after"/> (a one-column integer key), or null at the end.</summary>
    public async Task<long?> NextKeyAsync(DataSource source, object?[]? after)
    {
        var rows = await Executor.QueryAsync(new SqlStatement(Sql.NextKeySql(source.Text, source.Keys[0], after is null)) { Parameters = Params(after, null, null) },
            CancellationToken.None);
        return rows.Count == 0 || rows[0][0] is null or DBNull ? null : Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }
}
