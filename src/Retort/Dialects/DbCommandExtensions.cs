using System.Data.Common;

namespace Retort.Dialects;

/// <summary>Reading whole result sets, for the small catalog and bookkeeping queries Retort runs.</summary>
public static class DbCommandExtensions
{
    /// <summary>Executes the command and returns every row, NULL as null.</summary>
    public static async Task<List<object?[]>> ReadRowsAsync(this DbCommand command, CancellationToken cancellationToken = default)
    {
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
