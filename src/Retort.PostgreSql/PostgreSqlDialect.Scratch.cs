using Npgsql;
using Retort.Dialects;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDialect
{
    /// <inheritdoc />
    public override async Task<ScratchDatabase> CreateScratchDatabaseAsync(string? connectionString, CancellationToken cancellationToken)
    {
        if (connectionString is null)
            throw new RetortException("A throwaway PostgreSQL database needs a server: pass its URL (the named database is only connected to, never changed).");
        var name = "retort_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var server = new NpgsqlConnection(connectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var scratch = new NpgsqlConnectionStringBuilder(connectionString) { Database = name, Pooling = false }.ConnectionString;
        return new ScratchDatabase(scratch, async () =>
        {
            await using var server = new NpgsqlConnection(connectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
