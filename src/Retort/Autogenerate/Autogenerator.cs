using Retort.Connections;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>
/// Compares a target <see cref="MetaData"/> with a live database: reflects the database, normalises both sides
/// through the dialect and diffs them. The engine behind <c>revision --autogenerate</c> and <c>check</c>.
/// </summary>
public static class Autogenerator
{
    /// <summary>The operations that turn the database into <paramref name="target"/>.</summary>
    public static async Task<SchemaDiff> CompareAsync(Database database, MetaData target, DiffOptions? options = null, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var schemas = target.Tables.Select(t => t.Schema).Append(target.Schema).Distinct().ToList();
        var actual = new List<Table>();
        var missing = new List<MigrationOperation>();
        await using (var connection = await database.OpenConnectionAsync(cancellationToken))
            foreach (var schema in schemas)
            {
                if (schema is not null && !await dialect.Reflection.SchemaExistsAsync(connection, schema, cancellationToken))
                {
                    missing.Add(new CreateSchemaOperation(schema));
                    continue;
                }
                actual.AddRange(await dialect.Reflection.ReflectAsync(connection, null, schema, cancellationToken));
            }
        var diff = SchemaDiffer.Compare(target.Tables, actual, options, dialect.Reflection.NormalizeForComparison);
        // A schema the target names but the database lacks comes first; everything in it follows.
        return missing.Count == 0 ? diff : diff with { Operations = missing.Concat(diff.Operations).ToList() };
    }
}
