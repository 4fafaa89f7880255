using System.Data.Common;
using Retort.Dialects;
using Retort.Schema;

namespace Retort.PostgreSql.Internal;

/// <summary>PostgreSQL's catalog read into the schema model in a fixed number of queries (<see cref="CatalogReader"/>).</summary>
internal sealed class PostgreSqlReflection : SchemaReflection
{
    /// <inheritdoc />
    public override Table NormalizeForComparison(Table table)
    {
        var normal = base.NormalizeForComparison(table);
        // bytea has no length, and numeric(p, 0) is stored as numeric(p): compare what the catalog can tell.
        return normal with
        {
            Columns = normal.Columns.Select(c => c.Type switch
            {
                Schema.Types.BinaryType { Length: not null } => c with { Type = SqlType.Binary() },
                Schema.Types.NumericType { Precision: { } p, Scale: 0 } => c with { Type = SqlType.Numeric(p) },
                _ => c,
            }).ToValueList(),
        };
    }

    /// <summary>
    /// Reads every table of a schema (null: the connection's current schema) with four catalog queries in all
    /// (tables, columns, constraints, indexes), however many tables there are.
    /// </summary>
    public override Task<IReadOnlyList<Table>> ReflectAsync(DbConnection connection, DbTransaction? transaction, string? schema, CancellationToken cancellationToken) =>
        new CatalogReader(connection, transaction).ReadAsync(schema, null, cancellationToken);

    /// <inheritdoc />
    public override async Task<bool> SchemaExistsAsync(DbConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM pg_namespace WHERE nspname = @schema";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("schema", schema));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <inheritdoc />
    public override async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE c.relname = @name AND c.relkind IN ('r', 'p') AND n.nspname = COALESCE(@schema, current_schema())";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("name", name));
        command.Parameters.Add(new Npgsql.NpgsqlParameter("schema", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)schema ?? DBNull.Value });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <inheritdoc />
    public override async Task<Table?> ReflectTableAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken)
    {
        var tables = await new CatalogReader(connection, transaction).ReadAsync(schema, name, cancellationToken);
        return tables.Count == 0 ? null : tables[0];
    }
}
