using System.Data.Common;
using Retort.Dialects;
using Retort.Schema;

namespace Retort.Sqlite.Internal;

/// <summary>SQLite's catalog (<c>sqlite_master</c> and its pragmas) read into the schema model.</summary>
internal sealed class SqliteReflection(SqliteDialect dialect) : SchemaReflection
{
    /// <inheritdoc />
    public override Table NormalizeForComparison(Table table)
    {
        // SQLite stores the declared type text; what reflection reads back is the parse of what we render.
        var strict = table.GetOption(SqliteOptions.StrictKey) == "true";
        table = base.NormalizeForComparison(table);
        return table with { Columns = table.Columns.Select(c => c with { Type = SqliteTypes.Parse(SqliteTypes.Render(c.Type, strict)) }).ToValueList() };
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<Table>> ReflectAsync(DbConnection connection, DbTransaction? transaction, string? schema, CancellationToken cancellationToken) =>
        new SqliteReflector(connection, transaction, schema).ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    public override async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT 1 FROM {(schema is null or "main" ? "" : dialect.QuoteIdentifier(schema) + ".")}sqlite_master WHERE type = 'table' AND name = @name";
        var p = command.CreateParameter();
        p.ParameterName = "@name";
        p.Value = name;
        command.Parameters.Add(p);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <inheritdoc />
    public override Task<Table?> ReflectTableAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken) =>
        new SqliteReflector(connection, transaction, schema).ReadTableAsync(name, cancellationToken);
}
