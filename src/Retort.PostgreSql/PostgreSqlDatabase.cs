using Npgsql;
using Retort.Connections;

namespace Retort.PostgreSql;

/// <summary>A PostgreSQL <see cref="Database"/> on an application's <see cref="NpgsqlDataSource"/> (its pool, credentials and logging).</summary>
public static class PostgreSqlDatabase
{
    /// <summary>
    /// Opens a database whose connections come from <paramref name="dataSource"/>, with the PostgreSQL dialect and
    /// <paramref name="options"/> (lock timeout, retries, advisory lock key; the defaults when null). Retort never
    /// disposes the data source. Its connection string must have <c>Include Failed Batched Command=true</c>.
    /// </summary>
    /// <exception cref="RetortException">The data source does not report which statement of a batch failed.</exception>
    public static Database Open(NpgsqlDataSource dataSource, PostgreSqlOptions? options = null) =>
        Database.Open(dataSource, new PostgreSqlDialect(options ?? new PostgreSqlOptions()));
}
