using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Retort.Connections;
using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;
using Retort.Sql;
using Retort.Sqlite.Internal;

namespace Retort.Sqlite;

/// <summary>
/// The SQLite dialect (Microsoft.Data.Sqlite). Changes SQLite's ALTER TABLE cannot make are done by rebuilding
/// the table inside the revision's transaction, keeping rows, indexes, foreign keys, checks, triggers and views.
/// </summary>
public sealed partial class SqliteDialect : Dialect
{
    /// <summary>Creates the dialect.</summary>
    public SqliteDialect()
    {
        Generator = new SqliteDdlGenerator(this);
        DataMigrations = new SqliteDataMigrations(this);
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override IReadOnlyCollection<string> UrlSchemes { get; } = ["sqlite"];

    /// <inheritdoc />
    public override DdlGenerator Generator { get; }

    /// <inheritdoc />
    public override DataMigrationSupport DataMigrations { get; }

    /// <inheritdoc />
    public override string ConnectionStringFromUrl(DatabaseUrl url)
    {
        if (url.Host is not null || url.User is not null)
            throw new RetortException($"The SQLite URL '{url}' names a host or user; SQLite URLs name a file: sqlite:///relative/path.db, sqlite:////absolute/path.db, or sqlite:// for an in-memory database.");
        var builder = new SqliteConnectionStringBuilder();
        if (url.Database.Length == 0)
        {
            builder.DataSource = "retort-memory-" + Guid.NewGuid().ToString("N");
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            // sqlite:///rel.db leaves "rel.db"; sqlite:////abs.db leaves "/abs.db".
            builder.DataSource = url.Database;
        }
        foreach (var (key, value) in url.Query)
        {
            switch (key.ToLowerInvariant())
            {
                case "mode": builder.Mode = Enum.Parse<SqliteOpenMode>(value, ignoreCase: true); break;
                case "cache": builder.Cache = Enum.Parse<SqliteCacheMode>(value, ignoreCase: true); break;
                case "timeout": builder.DefaultTimeout = int.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    throw new RetortException($"The SQLite URL '{url}' has an unknown parameter '{key}'. Known: mode, cache, timeout.");
            }
        }
        return builder.ConnectionString;
    }

    /// <inheritdoc />
    public override DbConnection CreateConnection(string connectionString)
    {
        try { return new SqliteConnection(connectionString); }
        catch (ArgumentException e)
        {
            throw new RetortException($"The SQLite connection string '{RedactConnectionString(connectionString)}' is invalid: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string RedactConnectionString(string connectionString) => ConnectionStringRedactor.Redact(connectionString);

    /// <inheritdoc />
    public override bool KeepOneConnectionOpen(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) is var b && (b.Mode == SqliteOpenMode.Memory || b.DataSource == ":memory:");

    /// <inheritdoc />
    public override async Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Enforce foreign keys on every connection Retort opens (SQLite leaves them off by default). Reading the
        // schema version reads the file's header: a file that is not a database fails here, named, not mid-command.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA schema_version";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc />
    public override string QualifyName(string? schema, string name) =>
        schema is null or "main" ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <inheritdoc />
    public override string RenderLiteral(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => "'" + s.Replace("'", "''") + "'",
        bool b => b ? "1" : "0",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        DateTime d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        DateTimeOffset d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) + "'",
        DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        TimeOnly t => "'" + t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        TimeSpan t => "'" + t.ToString("c", CultureInfo.InvariantCulture) + "'",
        Guid g => "'" + g.ToString().ToUpperInvariant() + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new RetortException($"Cannot write a {value.GetType().Name} value as a SQLite literal."),
    };

    /// <inheritdoc />
    public override string BeginTransactionSql => "BEGIN IMMEDIATE";

    /// <inheritdoc />
    /// <remarks>Every SQLite commit waits for the disk (several fsyncs in rollback-journal mode); a savepoint does not.</remarks>
    public override bool SharesTransactionAcrossRevisions => true;

    /// <inheritdoc />
    public override Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // IMMEDIATE takes the write lock at BEGIN: a second migration process waits here (busy timeout), then
        // re-reads the version table and finds the revision already applied.
        Task.FromResult(BeginImmediate((SqliteConnection)connection));

    /// <inheritdoc />
    public override string? WhyNotInTransaction(string sql) =>
        SqlWords.StartsWithAny(sql, SqliteSql.Flavor, "VACUUM") ? "SQLite cannot VACUUM from within a transaction" : null;

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> BeforeTransaction(IReadOnlyList<MigrationOperation> plan) =>
        // SQLite ignores this pragma inside a transaction; the rebuild needs it off (SQLite's documented procedure).
        MayRebuild(plan) ? [new SqlStatement("PRAGMA foreign_keys = OFF")] : [];

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> BeforeCommit(IReadOnlyList<MigrationOperation> plan) =>
        MayRebuild(plan)
            ? [new SqlStatement("PRAGMA foreign_key_check") { FailIfRowsMessage = "Foreign key violations after rebuilding a table (table, rowid, referenced table, fk index):" }]
            : [];

    /// <inheritdoc />
    public override IReadOnlyList<SqlStatement> AfterTransaction(IReadOnlyList<MigrationOperation> plan) =>
        MayRebuild(plan) ? [new SqlStatement("PRAGMA foreign_keys = ON")] : [];

    // The same test the compiler uses, without the table (so a dropped column counts as a rebuild): adding a
    // nullable column is a plain ALTER TABLE and needs neither the pragma nor a transaction of its own.
    private static bool MayRebuild(IReadOnlyList<MigrationOperation> plan) => plan.Any(op => NeedsRebuild(op, null));

    /// <inheritdoc />
    /// <remarks>
    /// Consecutive changes to one table form a group, so they cost at most one rebuild. A column rename in a group that
    /// rebuilds runs first, on its own, as SQLite's RENAME COLUMN: SQLite then rewrites the indexes, triggers and views
    /// that name the column, which a rebuild re-creates as they are written.
    /// </remarks>
    public override IReadOnlyList<IReadOnlyList<MigrationOperation>> GroupOperations(IReadOnlyList<MigrationOperation> plan)
    {
        var groups = new List<IReadOnlyList<MigrationOperation>>();
        List<MigrationOperation>? current = null;
        foreach (var op in plan)
        {
            if (op is TableOperation t and not RenameTableOperation && current is [TableOperation first, ..]
                && first.TableName == t.TableName && first.Schema == t.Schema)
            {
                current.Add(op);
                continue;
            }
            current = [op];
            groups.Add(current);
        }
        return groups.SelectMany(RenamesFirst).ToList();
    }

    private static IEnumerable<IReadOnlyList<MigrationOperation>> RenamesFirst(IReadOnlyList<MigrationOperation> group)
    {
        static bool IsRename(MigrationOperation op) => op is AlterColumnOperation { NewName: { } n } a && n != a.ColumnName;
        if (!group.Any(IsRename) || !group.Any(op => op is AlterColumnOperation a ? ChangesMoreThanName(a) : NeedsRebuild(op, null)))
        {
            yield return group;
            yield break;
        }
        var renames = new List<MigrationOperation>();
        var rest = new List<MigrationOperation>();
        foreach (var op in group)
        {
            if (op is not AlterColumnOperation { NewName: { } newName } a || newName == a.ColumnName)
            {
                rest.Add(op);
                continue;
            }
            if (rest.Any(r => NamesColumn(r, a.ColumnName) || NamesColumn(r, newName)))
            {
                // The rename cannot move ahead of an operation that names its columns: what came before runs first.
                if (renames.Count > 0) yield return renames;
                yield return rest;
                (renames, rest) = ([], []);
            }
            renames.Add(new AlterColumnOperation(a.TableName, a.ColumnName, a.Schema) { NewName = newName });
            if (ChangesMoreThanName(a)) rest.Add(a with { ColumnName = newName, NewName = null });
        }
        if (renames.Count > 0) yield return renames;
        if (rest.Count > 0) yield return rest;
    }

    private static bool ChangesMoreThanName(AlterColumnOperation a) =>
        a.NewType is not null || a.NewNullable is not null || a.NewDefault.HasValue || a.NewComment.HasValue;

    /// <summary>Whether a table operation names the column (conservatively true for operations it does not know).</summary>
    private static bool NamesColumn(MigrationOperation op, string column)
    {
        bool Is(string? name) => string.Equals(name, column, StringComparison.OrdinalIgnoreCase);
        bool In(string sql) => SqlText.MentionsIdentifier(sql, column);
        return op switch
        {
            AlterColumnOperation a => Is(a.ColumnName) || Is(a.NewName),
            AddColumnOperation a => Is(a.Column.Name),
            DropColumnOperation d => Is(d.ColumnName),
            AddConstraintOperation { Constraint: var c } => c.ColumnNames.Any(Is) || (c is CheckConstraint k && In(k.Expression))
                || (c is ForeignKeyConstraint f && f.ReferredColumns.Any(Is)),
            CreateIndexOperation { Index: var i } => (i.Expressions ? i.Columns.Any(In) : i.Columns.Any(Is)) || (i.Where is { } w && In(w)),
            DropIndexOperation or DropConstraintOperation or AlterTableCommentOperation => false,
            _ => true,
        };
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<MigrationStep>> CompileAsync(IReadOnlyList<MigrationOperation> group, ISchemaSnapshot schema, CancellationToken cancellationToken)
    {
        if (group is not [TableOperation first, ..] || first is RenameTableOperation)
            return await base.CompileAsync(group, schema, cancellationToken);
        // Most changes (a nullable column, an index) never need the table's definition: skip reading it.
        if (!group.Any(op => NeedsRebuild(op, null)))
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
        if (!RebuildNeeded(group, table))
            return await base.CompileAsync(group, schema, cancellationToken);
        if (offline && schema.UntrackedChange(table.Name, table.Schema) is { } change)
            throw new OfflineNotSupportedException(null, group[0].Describe(),
                $"it rebuilds table '{table.DisplayName}' ({string.Join("; ", group.Select(o => o.Describe()))}), and {change}. " +
                "The offline script knows the table only as the typed operations left it, so indexes, triggers or views made another way " +
                "would be lost by the rebuild, or break it. Give the script the table's shape: make those changes with typed operations " +
                "(op.CreateIndex, op.AddColumn, ...) instead of op.Execute or C# code, or run this revision online (retort upgrade without --sql), " +
                "where Retort reads the table from the database.");
        var rebuild = new TableRebuild(this, table, group.Cast<TableOperation>().ToList());
        return await rebuild.CompileAsync(schema, cancellationToken);
    }

    /// <summary>Whether one of the group's operations needs a rebuild, each judged on the table as the ones before it leave it.</summary>
    private static bool RebuildNeeded(IReadOnlyList<MigrationOperation> group, Table table)
    {
        foreach (var op in group)
        {
            if (NeedsRebuild(op, table)) return true;
            table = ((TableOperation)op).ApplyTo(table);
        }
        return false;
    }

    /// <summary>True when SQLite's ALTER TABLE cannot perform the operation on this table.</summary>
    internal static bool NeedsRebuild(MigrationOperation op, Table? table) => op switch
    {
        AlterColumnOperation a => !a.IsRenameOnly,
        // SQLite keeps comments in the stored CREATE TABLE text, so a table comment changes with a rebuild.
        AddConstraintOperation or DropConstraintOperation or AlterTableCommentOperation => true,
        AddColumnOperation a => (!a.Column.Nullable && a.Column.Default is null) || a.Column.Default is ExpressionDefault,
        DropColumnOperation d => table is null || ColumnIsReferenced(table, d.ColumnName),
        _ => false,
    };

    private static bool ColumnIsReferenced(Table table, string column) =>
        table.Constraints.Any(c => c.ColumnNames.Contains(column))
        || table.CheckConstraints.Any(c => SqlText.MentionsIdentifier(c.Expression, column))
        || table.Indexes.Any(i => i.Columns.Contains(column) || i.Expressions || (i.Where is not null && SqlText.MentionsIdentifier(i.Where, column)));

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
        command.CommandText = $"SELECT 1 FROM {(schema is null or "main" ? "" : QuoteIdentifier(schema) + ".")}sqlite_master WHERE type = 'table' AND name = @name";
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
