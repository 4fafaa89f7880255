using Npgsql;
using Retort.Behaviour;
using Retort.Connections;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>The behaviour suite's database: a fresh database on the throwaway server.</summary>
public sealed class PostgreSqlBehaviourDatabase(PgDatabase db) : IBehaviourDatabase
{
    public Database Database { get; } = db.Open();
    public string Url => db.Url;
    public Task ExecAsync(string sql) => db.ExecuteAsync(sql);

    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = await db.ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    // PostgreSQL enforces every constraint as it goes; there is nothing left to check afterwards.
    public Task AssertConsistentAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await db.DisposeAsync();
    }
}
