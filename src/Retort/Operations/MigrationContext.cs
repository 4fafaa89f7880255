using System.Data.Common;
using Microsoft.Extensions.Logging;
using Retort.Sql;

namespace Retort.Operations;

/// <summary>
/// What a C# code step receives: the open connection and the revision's transaction, the dialect, and a
/// logger. Commands created with <see cref="CreateCommand"/> are already enlisted in the transaction.
/// </summary>
public sealed class MigrationContext
{
    /// <summary>Creates a context on an open connection (front ends and the testing library use it for fixtures).</summary>
    public MigrationContext(DbConnection connection, DbTransaction? transaction, ISqlSyntax dialect, ILogger logger)
    {
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        Logger = logger;
    }

    /// <summary>The open connection.</summary>
    public DbConnection Connection { get; }

    /// <summary>The revision's transaction, or null when the step runs outside one.</summary>
    public DbTransaction? Transaction { get; }

    /// <summary>The database's dialect (for quoting identifiers).</summary>
    public ISqlSyntax Dialect { get; }

    /// <summary>Logger of the run.</summary>
    public ILogger Logger { get; }

    /// <summary>Creates a command on the connection, in the transaction, with named parameters.</summary>
    public DbCommand CreateCommand(string sql, object? parameters = null)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in ParameterValues.From(parameters))
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>Executes a statement and returns the number of rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs a query and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query and returns every row (values as the driver gives them, NULL as null).</summary>
    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(sql, parameters);
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
