using System.Data.Common;
using Retort.Connections;
using Retort.Dialects;

namespace ZeroDowntime;

/// <summary>
/// The application, in its two versions. Version 1 knows customer.name, version 2 customer.full_name. Each sets its
/// <c>search_path</c> to the schema of views of the revision it was written for, then <c>public</c>: while the online
/// rename is expanded, that schema shows the table in the shape the version expects; before the expand (version 1)
/// and after complete (version 2), when no such schema exists, PostgreSQL skips it and the table itself is used.
/// </summary>
/// <param name="database">The database (a Retort URL opened with <see cref="Database.Open(string, string?)"/>).</param>
/// <param name="version">1 or 2.</param>
public sealed class CustomerApp(Database database, int version)
{
    /// <summary>The revision each version of the application was written for.</summary>
    public static readonly IReadOnlyDictionary<int, string> Revisions = new Dictionary<int, string> { [1] = "5a1e0c0de001", [2] = "5a1e0c0de002" };

    /// <summary>The schema of views this version reads and writes through while a revision is expanded (for example public_5a1e0c0de001).</summary>
    public string VersionSchema => OnlineVersions.SchemaName("public", Revisions[version]);

    private string NameColumn => version == 1 ? "name" : "full_name";

    /// <summary>Adds a customer; returns its id.</summary>
    public async Task<long> AddAsync(string name, string? email, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var id = await ScalarAsync(connection, $"INSERT INTO customer ({NameColumn}, email) VALUES (@p0, @p1) RETURNING id", cancellationToken, name, email);
        return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Changes a customer's name.</summary>
    public async Task RenameAsync(long id, string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ScalarAsync(connection, $"UPDATE customer SET {NameColumn} = @p0 WHERE id = @p1", cancellationToken, name, id);
    }

    /// <summary>Every customer, by id: (id, name).</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, {NameColumn} FROM customer ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        await ScalarAsync(connection, $"SET search_path TO {VersionSchema}, public", cancellationToken);
        return connection;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "p" + i;
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
