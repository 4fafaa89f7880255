using Npgsql;
using Retort.Connections;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>A database of its own for one test class, created on first use and dropped afterwards.</summary>
public sealed class PgDatabase : IAsyncLifetime
{
    private readonly string _name = "retort_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;

    /// <summary>Npgsql connection string of the database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    /// <summary>The database as a Retort URL.</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <summary>Opens the database through Retort, with optional URL query settings (<c>lock_timeout=300ms</c>).</summary>
    public Database Open(string? query = null) => Database.Open(query is null ? Url : Url + "?" + query);

    /// <summary>A plain Npgsql connection, opened.</summary>
    public async Task<NpgsqlConnection> ConnectAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Reads <paramref name="table"/> in a transaction left open on a new connection: its ACCESS SHARE lock, which
    /// any ALTER of the table waits for, is held until <see cref="LockHolder.ReleaseAsync"/>.
    /// </summary>
    public async Task<LockHolder> HoldReadLockAsync(string table)
    {
        var connection = await ConnectAsync();
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand($"SELECT count(*) FROM {table}", connection, transaction).ExecuteScalarAsync();
        return new LockHolder(connection, transaction);
    }

    /// <summary>An open transaction holding a lock (see <see cref="HoldReadLockAsync"/>).</summary>
    public sealed class LockHolder(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        /// <summary>Commits the transaction: the lock is released.</summary>
        public Task ReleaseAsync() => transaction.CommitAsync();

        /// <inheritdoc />
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>Runs a statement on a new connection.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a scalar query on a new connection.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await ConnectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!PgServer.Available && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return;
        _connectionString = await PgServer.Instance.CreateDatabaseAsync(_name);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_connectionString is not null) await PgServer.Instance.DropDatabaseAsync(_name);
    }
}
