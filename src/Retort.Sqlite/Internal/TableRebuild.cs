using System.Data.Common;
using Retort.Dialects;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Sqlite.Internal;

/// <summary>
/// SQLite's documented "move and copy" procedure for changes ALTER TABLE cannot make: create the new table
/// under a temporary name, copy the rows, drop the old table, rename the new one, then recreate indexes,
/// triggers and views. Runs inside the revision's transaction with foreign keys off; the runner checks
/// <c>PRAGMA foreign_key_check</c> before commit. All changes to one table in a group cost one rebuild.
/// </summary>
internal sealed class TableRebuild(SqliteDialect dialect, Table table, IReadOnlyList<TableOperation> operations)
{
    private string Q(string name) => dialect.QuoteIdentifier(name);

    public async Task<IReadOnlyList<MigrationStep>> CompileAsync(ISchemaSnapshot schema, CancellationToken ct)
    {
        // Source of each new column: the old column it came from (following renames), or none for added columns.
        var sources = table.Columns.ToDictionary(c => c.Name, c => (string?)c.Name);
        var typeChanged = new HashSet<string>();
        var target = table;
        foreach (var op in operations)
        {
            switch (op)
            {
                case AlterColumnOperation a:
                    var source = sources[a.ColumnName];
                    if (a.NewType is not null && a.NewType != target.GetColumn(a.ColumnName).Type) typeChanged.Add(a.NewName ?? a.ColumnName);
                    if (a.NewName is not null && a.NewName != a.ColumnName)
                    {
                        sources.Remove(a.ColumnName);
                        sources[a.NewName] = source;
                        if (typeChanged.Remove(a.ColumnName)) typeChanged.Add(a.NewName);
                    }
                    break;
                case AddColumnOperation add: sources[add.Column.Name] = null; break;
                case DropColumnOperation d: sources.Remove(d.ColumnName); break;
            }
            target = op.ApplyTo(target);
        }

        var temp = "_retort_new_" + table.Name;
        var steps = new List<MigrationStep>();
        var dependents = await DependentObjectsAsync(schema, ct);
        // Views and other tables' triggers that mention the table would fail the final RENAME's schema check.
        foreach (var (type, name, _) in dependents)
            steps.Add(new SqlStatement($"DROP {(type == "view" ? "VIEW" : "TRIGGER")} IF EXISTS {Q(name)}"));

        var generator = (SqliteDdlGenerator)dialect.Generator;
        steps.Add(new SqlStatement(generator.CreateTableSql(target, temp)));

        var copied = target.Columns.Where(c => sources.GetValueOrDefault(c.Name) is not null).ToList();
        if (copied.Count > 0)
        {
            var into = string.Join(", ", copied.Select(c => Q(c.Name)));
            var select = string.Join(", ", copied.Select(c =>
            {
                var from = Q(sources[c.Name]!);
                return typeChanged.Contains(c.Name) ? $"CAST({from} AS {SqliteTypes.CastTarget(c.Type)})" : from;
            }));
            steps.Add(new SqlStatement($"INSERT INTO {Q(temp)} ({into}) SELECT {select} FROM {Q(table.Name)}"));
        }
        steps.Add(new SqlStatement($"DROP TABLE {Q(table.Name)}"));
        steps.Add(new SqlStatement($"ALTER TABLE {Q(temp)} RENAME TO {Q(target.Name)}"));
        foreach (var index in target.Indexes)
            foreach (var s in generator.CreateIndex(new CreateIndexOperation(target.Name, index, target.Schema)))
                steps.Add(s);
        // Triggers were dropped with the old table; views were dropped above. Both come back as they were.
        foreach (var (_, _, sql) in dependents.Where(d => d.Type == "trigger"))
            steps.Add(new SqlStatement(sql));
        foreach (var (_, _, sql) in dependents.Where(d => d.Type == "view"))
            steps.Add(new SqlStatement(sql));
        return steps;
    }

    private async Task<List<(string Type, string Name, string Sql)>> DependentObjectsAsync(ISchemaSnapshot schema, CancellationToken ct)
    {
        var result = new List<(string, string, string)>();
        if (schema.Connection is not DbConnection connection) return result;
        await using var command = connection.CreateCommand();
        command.Transaction = schema.Transaction;
        command.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') AND sql IS NOT NULL ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(0);
            var sql = reader.GetString(3);
            var related = string.Equals(reader.GetString(2), table.Name, StringComparison.OrdinalIgnoreCase)
                || SqlText.MentionsIdentifier(sql, table.Name);
            if (related) result.Add((type, reader.GetString(1), sql));
        }
        return result;
    }
}
