using System.Text;
using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;

namespace Retort.Sqlite.Internal;

/// <summary>
/// SQLite SQL. Comments have no statement in SQLite, so they are kept as <c>/* … */</c> inside CREATE TABLE,
/// where SQLite stores them verbatim and reflection reads them back.
/// </summary>
internal sealed partial class SqliteDdlGenerator(SqliteDialect dialect) : DdlGenerator(dialect)
{
    private bool _strict;

    public override string TypeName(SqlType type) => SqliteTypes.Render(type, _strict);

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<MigrationOperation>> GroupOperations(IReadOnlyList<MigrationOperation> plan) => RebuildPlanner.Group(plan);

    /// <inheritdoc />
    public override async Task<IReadOnlyList<MigrationStep>> CompileAsync(IReadOnlyList<MigrationOperation> group, ISchemaSnapshot schema, CancellationToken cancellationToken)
    {
        // Online operations run in one step, as their final shape. A run puts the final shape in its plan before compiling
        // (each part then compiled after the one before ran); this serves a caller that compiles the operation itself.
        if (group.Any(o => o is OnlineOperation))
        {
            var steps = new List<MigrationStep>();
            foreach (var part in GroupOperations(OnlineOperation.FinalShapeOf(group))) steps.AddRange(await CompileAsync(part, schema, cancellationToken));
            return steps;
        }
        if (group is not [TableOperation first, ..] || first is RenameTableOperation)
            return await base.CompileAsync(group, schema, cancellationToken);
        // Most changes (a nullable column, an index) never need the table's definition: skip reading it.
        if (!group.Any(op => RebuildPlanner.NeedsRebuild(op, null)))
            return await base.CompileAsync(group, schema, cancellationToken);
        var offline = schema.Connection is null;
        var table = await schema.GetTableAsync(first.TableName, first.Schema, cancellationToken);
        if (table is null)
        {
            if (offline)
                throw new OfflineNotSupportedException(null, group[0].Describe(),
                    $"it changes table '{first.TableName}' in a way that rebuilds it, and the offline script does not know that table: " +
                    $"no earlier operation created it{(schema.UntrackedChange(first.TableName, first.Schema) is { } raw ? $" ({raw})" : " (tables made by raw SQL are not tracked)")}. " +
                    "Create it with op.CreateTable so the script knows its shape, or run this revision online (retort upgrade without --sql), " +
                    "where Retort reads the table from the database.");
            throw new RetortException($"Cannot change table '{first.TableName}' on SQLite: it does not exist.");
        }
        if (!RebuildPlanner.RebuildNeeded(group, table))
            return await base.CompileAsync(group, schema, cancellationToken);
        if (offline && schema.UntrackedChange(table.Name, table.Schema) is { } change)
            throw new OfflineNotSupportedException(null, group[0].Describe(),
                $"it rebuilds table '{table.DisplayName}' ({string.Join("; ", group.Select(o => o.Describe()))}), and {change}. " +
                "The offline script knows the table only as the typed operations left it, so indexes, triggers or views made another way " +
                "would be lost by the rebuild, or break it. Give the script the table's shape: make those changes with typed operations " +
                "(op.CreateIndex, op.AddColumn, ...) instead of op.Execute or C# code, or run this revision online (retort upgrade without --sql), " +
                "where Retort reads the table from the database.");
        var rebuild = new TableRebuild(dialect, table, group.Cast<TableOperation>().ToList());
        return await rebuild.CompileAsync(schema, cancellationToken);
    }


    public override string CreateTableSql(Table table, string? nameOverride = null)
    {
        _strict = table.GetOption(SqliteOptions.StrictKey) == "true";
        try
        {
            var lines = new List<string>();
            foreach (var column in table.Columns)
                lines.Add(ColumnDefinition(table, column));
            foreach (var constraint in table.Constraints) lines.Add(ConstraintDefinition(table, constraint));
            var sb = new StringBuilder();
            sb.Append("CREATE TABLE ").Append(Q(table.Schema, nameOverride ?? table.Name));
            if (table.Comment is not null) sb.Append(' ').Append(Comment(table.Comment));
            sb.Append(" (\n    ").Append(string.Join(",\n    ", lines)).Append("\n)").Append(TableSuffix(table));
            return sb.ToString();
        }
        finally { _strict = false; }
    }

    public override string ColumnDefinition(Table? table, Column column)
    {
        // A column written for a known table takes its STRICT types (outside CreateTableSql too, as in a rebuild).
        var strict = table is null ? _strict : table.GetOption(SqliteOptions.StrictKey) == "true";
        var sb = new StringBuilder().Append(Q(column.Name)).Append(' ').Append(SqliteTypes.Render(column.Type, strict));
        if (!column.Nullable) sb.Append(" NOT NULL");
        if (column.Default is not null) sb.Append(" DEFAULT ").Append(RenderDefault(column.Default));
        if (column.Comment is not null) sb.Append(' ').Append(Comment(column.Comment));
        return sb.ToString();
    }

    /// <summary>A comment as SQLite keeps it inside CREATE TABLE.</summary>
    internal static string Comment(string text) => "/* " + text.Replace("*/", "* /") + " */";

    protected override string TableSuffix(Table table)
    {
        var options = new List<string>();
        if (table.GetOption(SqliteOptions.WithoutRowIdKey) == "true") options.Add("WITHOUT ROWID");
        if (table.GetOption(SqliteOptions.StrictKey) == "true") options.Add("STRICT");
        return options.Count == 0 ? "" : " " + string.Join(", ", options);
    }

    // SQLite keeps constraints inside the table definition; foreign keys name no schema.
    protected override string? ReferredSchemaDefault(Table table) => null;

    public override IEnumerable<SqlStatement> AlterColumn(AlterColumnOperation operation)
    {
        if (!operation.IsRenameOnly)
            throw new RetortException($"Internal: '{operation.Describe()}' needs a table rebuild on SQLite.");
        return [new($"ALTER TABLE {Q(operation.Schema, operation.TableName)} RENAME COLUMN {Q(operation.ColumnName)} TO {Q(operation.NewName!)}")];
    }

    public override IEnumerable<SqlStatement> CreateIndex(CreateIndexOperation operation)
    {
        // SQLite puts the schema on the index name, not on the table.
        var index = operation.Index;
        var cols = index.Expressions ? string.Join(", ", index.Columns) : Columns(index.Columns);
        var sql = $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {Q(operation.Schema, index.Name!)} ON {Q(operation.TableName)} ({cols})";
        if (index.Where is not null) sql += " WHERE " + index.Where;
        return [new SqlStatement(sql)];
    }
}
