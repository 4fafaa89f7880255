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
/// <remarks>
/// The new table is the old table's stored CREATE TABLE text with only the parts the operations name changed, so
/// whatever the schema model does not describe (collations, generated columns, ON CONFLICT clauses, DEFERRABLE,
/// AUTOINCREMENT) is kept as written; the AUTOINCREMENT counter is carried over, and indexes come back as they were
/// written. Offline, the text is what the tracked model renders (what the earlier operations created). Renames are
/// not done here: they run before, as SQLite's RENAME COLUMN (see <see cref="RebuildPlanner.Group"/>).
/// </remarks>
internal sealed class TableRebuild(SqliteDialect dialect, Table table, IReadOnlyList<TableOperation> operations)
{
    private string Q(string name) => dialect.QuoteIdentifier(name);

    private string Qualified(string name) => dialect.QualifyName(table.Schema, name);

    private string Master(string name) => table.Schema is null or "main" ? name : Q(table.Schema) + "." + name;

    public async Task<IReadOnlyList<MigrationStep>> CompileAsync(ISchemaSnapshot schema, CancellationToken ct)
    {
        var generator = (SqliteDdlGenerator)dialect.Generator;
        var source = await ReadSourceAsync(schema, generator, ct);
        var definition = CreateTableText.Parse(table.Name, source.TableSql);
        var strict = table.GetOption(SqliteOptions.StrictKey) == "true";
        var added = new HashSet<string>();
        var typeChanged = new HashSet<string>();
        // A type change's USING expression computes the copied value (over the row as it was), as PostgreSQL's does.
        var usingSql = new Dictionary<string, string>();
        var target = table;
        foreach (var op in operations)
        {
            var next = op.ApplyTo(target); // validates the operation against the table first
            switch (op)
            {
                case AlterColumnOperation { NewName: { } newName } a when newName != a.ColumnName:
                    throw new RetortException($"Internal: '{a.Describe()}' reached a SQLite rebuild; renames run before it.");
                case AlterColumnOperation a:
                    var column = ColumnText(definition, a.ColumnName);
                    if (a.NewType is not null && a.NewType != target.GetColumn(a.ColumnName).Type)
                    {
                        column.SetType(SqliteTypes.Render(a.NewType, strict));
                        typeChanged.Add(a.ColumnName);
                        if (a.Using is { } expression) usingSql[a.ColumnName] = expression;
                    }
                    if (a.NewNullable is { } nullable) column.SetNotNull(!nullable);
                    if (a.NewDefault.HasValue) column.SetDefault(a.NewDefault.Value is { } d ? generator.RenderDefault(d) : null);
                    if (a.NewComment.HasValue) column.SetComment(a.NewComment.Value is { } c ? SqliteDdlGenerator.Comment(c) : null);
                    break;
                case AddColumnOperation add:
                    definition.AddColumn(generator.ColumnDefinition(target, add.Column));
                    added.Add(add.Column.Name);
                    break;
                case DropColumnOperation drop:
                    CheckDrop(drop.ColumnName, target, definition, source.Dependents);
                    definition.Elements.Remove(ColumnText(definition, drop.ColumnName));
                    // What is left that names the column is its own: unnamed and about this column alone.
                    definition.Elements.RemoveAll(e => e.ColumnName is null && TableElementText.Names(e.Clauses[0], drop.ColumnName));
                    added.Remove(drop.ColumnName);
                    typeChanged.Remove(drop.ColumnName);
                    usingSql.Remove(drop.ColumnName);
                    break;
                case AddConstraintOperation add:
                    definition.AddConstraint(generator.ConstraintDefinition(target, add.Constraint));
                    break;
                case DropConstraintOperation drop:
                    if (!definition.DropConstraint(drop.Name))
                        throw new RetortException($"Cannot drop constraint '{drop.Name}' of table '{table.DisplayName}' on SQLite: its stored definition has no CONSTRAINT of that name.");
                    break;
                case AlterTableCommentOperation comment:
                    definition.Comment = comment.Comment is null ? null : SqliteDdlGenerator.Comment(comment.Comment);
                    break;
                case CreateIndexOperation or DropIndexOperation:
                    break; // indexes are recreated from the target below
                default:
                    throw new RetortException($"Internal: '{op.Describe()}' cannot be part of a SQLite table rebuild.");
            }
            target = next;
        }

        var temp = "_retort_new_" + table.Name;
        var steps = new List<MigrationStep>();
        // Views and other tables' triggers that mention the table would fail the final RENAME's schema check.
        foreach (var (type, name, _) in source.Dependents)
            steps.Add(new SqlStatement($"DROP {(type == "view" ? "VIEW" : "TRIGGER")} IF EXISTS {Qualified(name)}"));
        steps.Add(new SqlStatement(definition.Render(Qualified(temp))));

        var copied = target.Columns.Where(c => table.FindColumn(c.Name) is not null && !added.Contains(c.Name)).ToList();
        if (copied.Count > 0)
        {
            var into = string.Join(", ", copied.Select(c => Q(c.Name)));
            var select = string.Join(", ", copied.Select(c => usingSql.TryGetValue(c.Name, out var expression) ? $"CAST(({expression}) AS {SqliteTypes.CastTarget(c.Type)})"
                : typeChanged.Contains(c.Name) ? $"CAST({Q(c.Name)} AS {SqliteTypes.CastTarget(c.Type)})" : Q(c.Name)));
            steps.Add(new SqlStatement($"INSERT INTO {Qualified(temp)} ({into}) SELECT {select} FROM {Qualified(table.Name)}"));
        }
        if (definition.HasAutoIncrement)
        {
            // The copy set the counter to the largest id copied; ids above it that were deleted must stay unused.
            // The RENAME below renames the counter's row with the table.
            var sequence = Master("sqlite_sequence");
            steps.Add(new SqlStatement($"DELETE FROM {sequence} WHERE name = {dialect.RenderLiteral(temp)}"));
            steps.Add(new SqlStatement($"INSERT INTO {sequence} (name, seq) SELECT {dialect.RenderLiteral(temp)}, seq FROM {sequence} WHERE name = {dialect.RenderLiteral(table.Name)}"));
        }
        steps.Add(new SqlStatement($"DROP TABLE {Qualified(table.Name)}"));
        steps.Add(new SqlStatement($"ALTER TABLE {Qualified(temp)} RENAME TO {Q(target.Name)}"));
        foreach (var index in target.Indexes)
        {
            // An index the group left alone comes back as it was written (per-column COLLATE and DESC included).
            if (table.Indexes.Contains(index) && source.IndexSql.TryGetValue(index.Name!, out var sql)) steps.Add(new SqlStatement(sql));
            else steps.AddRange(generator.CreateIndex(new CreateIndexOperation(target.Name, index, target.Schema)).Select(s => (MigrationStep)s));
        }
        // Triggers were dropped with the old table; views were dropped above. Both come back as they were.
        foreach (var (_, _, sql) in source.Dependents.Where(d => d.Type == "trigger"))
            steps.Add(new SqlStatement(sql));
        foreach (var (_, _, sql) in source.Dependents.Where(d => d.Type == "view"))
            steps.Add(new SqlStatement(sql));
        return steps;
    }

    private TableElementText ColumnText(CreateTableText definition, string column) =>
        definition.Column(column) ?? throw new RetortException($"Table '{table.DisplayName}' cannot be rebuilt: column '{column}' is not in its stored definition.");

    /// <summary>
    /// Refuses to drop a column that other objects use: dropping it would drop them silently and the downgrade (which
    /// adds the column back) would not bring them back. SQLite's own ALTER TABLE DROP COLUMN refuses the same. What
    /// belongs to the column alone (its own clauses, an unnamed constraint on it alone) goes with it.
    /// </summary>
    private void CheckDrop(string column, Table current, CreateTableText definition, List<(string Type, string Name, string Sql)> dependents)
    {
        var uses = new List<string>();
        var todo = new List<string>();
        bool Is(string name) => string.Equals(name, column, StringComparison.OrdinalIgnoreCase);
        bool In(string sql) => SqlText.MentionsIdentifier(sql, column);
        var t = table.Name;

        foreach (var index in current.Indexes)
        {
            if (!(index.Expressions ? index.Columns.Any(In) : index.Columns.Any(Is)) && !(index.Where is { } w && In(w))) continue;
            uses.Add($"index {index.Name}{(index.Where is null ? "" : " (partial)")}");
            todo.Add($"op.DropIndex(\"{index.Name}\", \"{t}\", existing: ...)");
        }
        var named = current.Constraints.Select(c => c.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var otherColumns = definition.Elements.Select(e => e.ColumnName).OfType<string>().Where(c => !Is(c)).ToList();
        foreach (var element in definition.Elements)
        {
            if (element.ColumnName is { } other && !Is(other))
            {
                foreach (var clause in element.Clauses.Where(c => c.Kind is "CHECK" or "GENERATED" && TableElementText.Names(c, column)))
                {
                    uses.Add(clause.Name is { } n && named.Contains(n) ? $"constraint {n}" : $"the {(clause.Kind == "CHECK" ? "CHECK" : "generated expression")} of column '{other}'");
                    todo.Add(clause.Name is { } m && named.Contains(m) ? $"op.DropConstraint(\"{m}\", \"{t}\", existing: ...)" : $"change or drop column '{other}'");
                }
                continue;
            }
            foreach (var clause in element.Clauses.Where(c => element.ColumnName is null ? TableElementText.Names(c, column) : c.Kind is "CHECK" or "UNIQUE" or "REFERENCES" or "PRIMARY"))
            {
                if (clause.Kind == "PRIMARY")
                {
                    uses.Add("the primary key");
                    todo.Add("create the table anew if it needs another primary key");
                }
                else if (clause.Name is { } n && named.Contains(n))
                {
                    uses.Add($"constraint {n}");
                    todo.Add($"op.DropConstraint(\"{n}\", \"{t}\", existing: ...)");
                }
                else if (element.ColumnName is null && (clause.Columns.Any(c => !Is(c)) || (clause.Expression is { } e && otherColumns.Any(o => SqlText.MentionsIdentifier(e, o)))))
                {
                    uses.Add($"the unnamed {clause.Kind} constraint ({element.Text})");
                    todo.Add("an unnamed constraint cannot be dropped on its own: recreate the table without it, or keep the column");
                }
            }
        }
        foreach (var (type, name, sql) in dependents.Where(d => In(d.Sql)))
        {
            uses.Add($"{type} {name}");
            todo.Add($"op.Execute(\"DROP {type.ToUpperInvariant()} {name}\") before and create it again after");
        }
        if (uses.Count == 0) return;
        var them = uses.Count == 1 ? "it" : "them";
        throw new RetortException($"Cannot drop column '{t}.{column}' on SQLite: {string.Join(", ", uses)} {(uses.Count == 1 ? "uses" : "use")} it. " +
            $"Dropping the column would drop {them} too and the downgrade would not bring {them} back, so Retort refuses, as SQLite's own " +
            $"ALTER TABLE DROP COLUMN does. Drop {them} first in the same revision: {string.Join("; ", todo.Distinct())} " +
            $"(with existing:, the downgrade recreates {them}; autogenerate writes these steps itself).");
    }

    /// <summary>The table's CREATE TABLE text, its indexes' CREATE INDEX texts, and the views and triggers that mention it.</summary>
    private async Task<(string TableSql, Dictionary<string, string> IndexSql, List<(string Type, string Name, string Sql)> Dependents)> ReadSourceAsync(
        ISchemaSnapshot schema, SqliteDdlGenerator generator, CancellationToken ct)
    {
        if (schema.Connection is not DbConnection connection)
        {
            // Offline: the table is what the earlier operations made it, written as they wrote it.
            var indexes = table.Indexes.ToDictionary(i => i.Name!, i => string.Join(";\n", generator.CreateIndex(new CreateIndexOperation(table.Name, i, table.Schema)).Select(s => s.Sql)));
            return (generator.CreateTableSql(table), indexes, []);
        }
        var tableSql = "";
        var indexSql = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var dependents = new List<(string, string, string)>();
        await using var command = connection.CreateCommand();
        command.Transaction = schema.Transaction;
        command.CommandText = $"SELECT type, name, tbl_name, sql FROM {Master("sqlite_master")} " +
            "WHERE sql IS NOT NULL AND (tbl_name = @name COLLATE NOCASE OR type IN ('trigger', 'view')) ORDER BY rowid";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = table.Name;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (type, name, on, sql) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            var ofTable = string.Equals(on, table.Name, StringComparison.OrdinalIgnoreCase);
            if (type == "table" && ofTable && string.Equals(name, table.Name, StringComparison.OrdinalIgnoreCase)) tableSql = sql;
            else if (type == "index" && ofTable) indexSql[name] = sql;
            else if (type is "trigger" or "view" && (ofTable || SqlText.MentionsIdentifier(sql, table.Name))) dependents.Add((type, name, sql));
        }
        if (tableSql.Length == 0) throw new RetortException($"Table '{table.DisplayName}' cannot be rebuilt: it is not in sqlite_master.");
        return (tableSql, indexSql, dependents);
    }
}
