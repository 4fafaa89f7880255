using System.Data.Common;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Dialects;

/// <summary>
/// Reads a live database into the schema model (what autogenerate compares and the SQLite rebuild starts from),
/// and says when two tables mean the same in this database.
/// </summary>
public abstract class SchemaReflection
{
    /// <summary>Reads every table of a schema (null: the default schema) into the model, Retort's own tables excluded by the caller.</summary>
    public abstract Task<IReadOnlyList<Table>> ReflectAsync(DbConnection connection, DbTransaction? transaction, string? schema, CancellationToken cancellationToken);

    /// <summary>Reads one table, or returns null when it does not exist.</summary>
    public abstract Task<Table?> ReflectTableAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken);

    /// <summary>Whether a table exists; dialects answer with one catalog query instead of reading the table.</summary>
    public virtual async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction? transaction, string name, string? schema, CancellationToken cancellationToken) =>
        await ReflectTableAsync(connection, transaction, name, schema, cancellationToken) is not null;

    /// <summary>Whether a schema exists (dialects without schemas say yes).</summary>
    public virtual Task<bool> SchemaExistsAsync(DbConnection connection, string schema, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>
    /// The table as this database would store and reflect it (type aliases, default spellings), so a target
    /// schema and a reflected one compare equal when they mean the same. The base replaces every SQL expression
    /// (checks, expression defaults, index conditions and expressions) by its <see cref="SqlText.Canonical"/> key;
    /// dialects add their type aliases. Only for comparing: the result is never rendered.
    /// </summary>
    public virtual Table NormalizeForComparison(Table table) => table with
    {
        Columns = table.Columns.Select(c => c.Default is ExpressionDefault e ? c with { Default = new ExpressionDefault(SqlText.Canonical(e.Expression)) } : c).ToValueList(),
        CheckConstraints = table.CheckConstraints.Select(k => k with { Expression = SqlText.Canonical(k.Expression) }).ToValueList(),
        Indexes = table.Indexes.Select(i => i with
        {
            Where = i.Where is null ? null : SqlText.Canonical(i.Where),
            Columns = i.Expressions ? i.Columns.Select(SqlText.Canonical).ToValueList() : i.Columns,
        }).ToValueList(),
    };
}
