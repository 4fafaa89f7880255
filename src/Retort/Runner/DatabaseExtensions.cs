using Retort.Connections;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Runner;

/// <summary>Plans run on a <see cref="Database"/> without version bookkeeping: <c>metadata.create_all(engine)</c> and its kin.</summary>
public static class DatabaseExtensions
{
    /// <summary>Runs a plan of operations in one transaction, without version bookkeeping.</summary>
    public static async Task ApplyAsync(this Database database, IReadOnlyList<MigrationOperation> plan, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var executor = new OnlineExecutor(connection, database.Dialect, Internal.RetortLoggers.None);
        await PlanRunner.RunInTransactionAsync(executor, database.Dialect, plan, cancellationToken);
    }

    /// <summary>Creates every table of <paramref name="metadata"/> (and its indexes) in foreign-key order, in one transaction.</summary>
    /// <param name="database">The database.</param>
    /// <param name="metadata">The tables.</param>
    /// <param name="checkFirst">Skip tables that already exist.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static async Task CreateAllAsync(this Database database, MetaData metadata, bool checkFirst = true, CancellationToken cancellationToken = default)
    {
        var tables = metadata.SortedTables;
        if (checkFirst)
        {
            var existing = new HashSet<(string?, string)>();
            foreach (var schema in tables.Select(t => t.Schema).Distinct())
                foreach (var t in await database.ReflectAsync(schema, cancellationToken)) existing.Add((schema, t.Name));
            tables = tables.Where(t => !existing.Contains((t.Schema, t.Name))).ToList();
        }
        await database.ApplyAsync(tables.Select(t => (MigrationOperation)new CreateTableOperation(t)).ToList(), cancellationToken);
    }

    /// <summary>Drops every table of <paramref name="metadata"/> in reverse foreign-key order, in one transaction.</summary>
    /// <param name="database">The database.</param>
    /// <param name="metadata">The tables.</param>
    /// <param name="checkFirst">Skip tables that do not exist.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static async Task DropAllAsync(this Database database, MetaData metadata, bool checkFirst = true, CancellationToken cancellationToken = default)
    {
        var tables = metadata.SortedTables.Reverse().ToList();
        if (checkFirst)
        {
            var existing = new HashSet<(string?, string)>();
            foreach (var schema in tables.Select(t => t.Schema).Distinct())
                foreach (var t in await database.ReflectAsync(schema, cancellationToken)) existing.Add((schema, t.Name));
            tables = tables.Where(t => existing.Contains((t.Schema, t.Name))).ToList();
        }
        await database.ApplyAsync(tables.Select(t => (MigrationOperation)new DropTableOperation(t.Name, t.Schema)).ToList(), cancellationToken);
    }
}
