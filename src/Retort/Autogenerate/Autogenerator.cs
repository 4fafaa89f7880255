using Retort.Connections;
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
        foreach (var schema in schemas)
            actual.AddRange(await database.ReflectAsync(schema, cancellationToken));
        return SchemaDiffer.Compare(target.Tables, actual, options, dialect.NormalizeForComparison);
    }
}
