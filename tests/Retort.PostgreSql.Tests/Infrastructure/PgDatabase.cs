using Npgsql;
using Retort.Connections;
using Retort.Specification;
using Retort.Specification.Support;

namespace Retort.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A database of its own on the test server, dropped afterwards: PostgreSQL's <see cref="TestDatabase"/>. Made fresh
/// for one test with <see cref="CreateAsync"/> (or <see cref="PostgreSqlDatabaseFactory"/>), or shared by the tests
/// of one class as an <c>IClassFixture&lt;PgDatabase&gt;</c>.
/// </summary>
public sealed class PgDatabase : TestDatabase, IAsyncLifetime
{
    private readonly string _name = "retort_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;
    private Database? _database;
    private bool _disposed;

    /// <summary>A fresh database, created now; it is dropped when disposed.</summary>
    public static async Task<PgDatabase> CreateAsync()
    {
        var db = new PgDatabase();
        db._connectionString = await PgServer.Instance.CreateDatabaseAsync(db._name);
        return db;
    }

    /// <summary>Npgsql connection string of the database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    /// <summary>The database as a Retort URL.</summary>
    public override string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <summary>The database opened through Retort once, closed when this object is disposed.</summary>
    public override Database Database => LazyInitializer.EnsureInitialized(ref _database, () => Open());

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

    /// <summary>How many sessions wait for a lock on the table <paramref name="table"/> right now (its lock queue).</summary>
    public Task<long> LockWaitersAsync(string table) =>
        ScalarAsync<long>($"SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = '{table}' AND NOT l.granted");

    /// <summary>
    /// Returns once a session waits for a lock on <paramref name="table"/> (the statement under test has reached it);
    /// fails if <paramref name="running"/> ends first, or at the scaled limit.
    /// </summary>
    public Task WaitForLockWaiterAsync(string table, Task running) =>
        Wait.UntilAsync(async () => await LockWaitersAsync(table) > 0, $"a session waiting for a lock on {table}", running);

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
    public override Task ExecAsync(string sql) => ExecuteAsync(sql);

    /// <inheritdoc />
    public override async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = await ConnectAsync();
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

    // PostgreSQL enforces every constraint as it goes: AssertConsistentAsync has nothing left to check.

    /// <summary>As a class fixture: creates the database, unless PostgreSQL tests are skipped here.</summary>
    public async Task InitializeAsync()
    {
        if (PostgreSqlDatabaseFactory.Instance.SkipReason is not null) return;
        _connectionString = await PgServer.Instance.CreateDatabaseAsync(_name);
    }

    /// <inheritdoc />
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Closes the Retort database and drops the database (once).</summary>
    public override async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_database is not null) await _database.DisposeAsync();
        if (_connectionString is not null) await PgServer.Instance.DropDatabaseAsync(_name);
    }
}
