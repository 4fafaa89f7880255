using Retort.Connections;

namespace Quickstart;

/// <summary>Prints every table of the database with its columns and rows, after the migration ran.</summary>
public static class FinalState
{
    public static async Task PrintAsync(Database database, TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Tables in {database.DisplayName}:");
        await using var connection = await database.OpenConnectionAsync(ct);
        foreach (var table in await database.ReflectAsync(cancellationToken: ct))
        {
            if (table.Name.StartsWith("retort_", StringComparison.Ordinal)) continue;
            var columns = table.Columns.Select(c => c.Name).ToList();
            await output.WriteLineAsync($"  {table.Name} ({string.Join(", ", columns)})");
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {database.Dialect.QuoteIdentifier(table.Name)} ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                await output.WriteLineAsync("    " + string.Join(" | ", values));
            }
        }
    }
}
