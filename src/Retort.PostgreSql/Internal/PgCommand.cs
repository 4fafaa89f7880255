using System.Data.Common;
using Npgsql;

namespace Retort.PostgreSql.Internal;

/// <summary>Small commands the dialect runs for itself (settings, catalog lookups), outside the runner's emit point.</summary>
internal static class PgCommand
{
    /// <summary>The first column of the first row, or null; <paramref name="name"/> is bound to <c>@name</c> when given.</summary>
    public static async Task<object?> ScalarAsync(DbConnection connection, string sql, string? name, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null) command.Parameters.Add(new NpgsqlParameter("name", name));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a statement that returns nothing.</summary>
    public static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
