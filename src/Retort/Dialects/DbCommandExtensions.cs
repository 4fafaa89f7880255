using System.Data.Common;

namespace Retort.Dialects;

/// <summary>Commands for migration statements, and reading whole result sets for the small catalog and bookkeeping queries Retort runs.</summary>
public static class DbCommandExtensions
{
    /// <summary>A command for <paramref name="statement"/> in <paramref name="transaction"/>, its parameters bound as <c>@name</c>, no timeout.</summary>
    public static DbCommand CreateCommand(this DbConnection connection, SqlStatement statement, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.Sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in statement.Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

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
