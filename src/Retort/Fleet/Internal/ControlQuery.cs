using System.Data.Common;
using Retort.Connections;

namespace Retort.Fleet.Internal;

/// <summary>Runs a target query on the control database: the first column of every row, as text.</summary>
internal static class ControlQuery
{
    public static async Task<List<string>> ReadAsync(string url, string sql, string option, string what, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(sql))
            throw new FleetInputException($"{option} is empty. Give a query that returns one {what} per row, for example {option} \"SELECT url FROM tenants\".");
        await using var database = Database.Open(url);
        if (database.OpeningCreatesDatabase)
            throw new FleetInputException($"The control database {database.DisplayName} of {option} does not exist. Give --url the database that holds the tenants. Nothing was changed.");
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var row = 0;
            while (await reader.ReadAsync(ct))
            {
                row++;
                if (reader.FieldCount == 0 || reader.IsDBNull(0) || reader.GetValue(0) is not string text || string.IsNullOrWhiteSpace(text))
                    throw new FleetInputException($"The query of {option} returned {(reader.FieldCount == 0 || reader.IsDBNull(0) ? "NULL" : $"a {reader.GetFieldType(0).Name}")} " +
                        $"in row {row}, where it should return a {what} as text in its first column. Fix the query (for example SELECT url FROM tenants WHERE url IS NOT NULL). Nothing was changed.");
                values.Add(text.Trim());
            }
        }
        catch (DbException e)
        {
            throw new FleetInputException($"The query of {option} failed on {database.DisplayName}: {e.Message} Fix the query; nothing was changed.", e);
        }
        if (values.Count == 0)
            throw new FleetInputException($"The query of {option} returned no rows, so the fleet has no targets. Check the query and the control database ({database.DisplayName}). Nothing was changed.");
        return values;
    }
}
