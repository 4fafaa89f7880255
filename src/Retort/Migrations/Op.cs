using Retort.Operations;
using Retort.Schema;

namespace Retort.Migrations;

/// <summary>
/// The facade a revision's <c>Upgrade</c> and <c>Downgrade</c> receive (Alembic's <c>op</c>). Each call
/// appends one operation to the plan; nothing touches the database until the runner executes the plan.
/// </summary>
public sealed partial class Op
{
    private readonly List<MigrationOperation> _plan = [];

    /// <summary>Creates an empty plan builder.</summary>
    /// <param name="defaultSchema">Schema used when a call names none.</param>
    public Op(string? defaultSchema = null) => DefaultSchema = defaultSchema;

    /// <summary>Schema used when a call names none.</summary>
    public string? DefaultSchema { get; }

    /// <summary>The operations added so far, in order.</summary>
    public IReadOnlyList<MigrationOperation> Plan => _plan;

    // What the shortcuts return: this builder, so a lint finding can be allowed on the operation just added
    // (op.CreateIndex(...).Allow("RT012", "reason"), see Allow).
    private Op Then(MigrationOperation added) => this;

    /// <summary>
    /// The online operations (expand and contract): <c>op.Online.RenameColumn(…)</c>, <c>op.Online.AlterColumnType(…)</c>, …
    /// </summary>
    public OnlineOps Online => field ??= new OnlineOps(this);

    /// <summary>Appends any operation (for operation types without a shortcut here).</summary>
    public T Add<T>(T operation) where T : MigrationOperation
    {
        _plan.Add(operation);
        return operation;
    }

    /// <summary>Creates a table from columns, constraints and indexes; names follow the default convention.</summary>
    public Table CreateTable(string name, params ITableElement[] elements)
    {
        var table = new Table(name, DefaultSchema, NamingConvention.Default, elements);
        Add(new CreateTableOperation(table));
        return table;
    }

    /// <summary>Creates a table described by a <see cref="Table"/> (for example one taken from a <see cref="MetaData"/>).</summary>
    public Table CreateTable(Table table)
    {
        Add(new CreateTableOperation(table));
        return table;
    }

    /// <summary>Drops a table. Pass <paramref name="existing"/> to make the drop reversible.</summary>
    public Op DropTable(string name, Table? existing = null, string? schema = null) =>
        Then(Add(new DropTableOperation(name, schema ?? DefaultSchema) { Existing = existing }));

    /// <summary>Renames a table.</summary>
    public Op RenameTable(string name, string newName, string? schema = null) =>
        Then(Add(new RenameTableOperation(name, newName, schema ?? DefaultSchema)));

    /// <summary>Sets a table's comment; <paramref name="existingComment"/> (null: there was none) makes it reversible.</summary>
    public Op CreateTableComment(string table, string comment, string? existingComment = null, string? schema = null) =>
        Then(Add(new AlterTableCommentOperation(table, comment, schema ?? DefaultSchema) { ExistingComment = existingComment }));

    /// <summary>Removes a table's comment; pass <paramref name="existingComment"/> to make it reversible.</summary>
    public Op DropTableComment(string table, string? existingComment = null, string? schema = null) =>
        Then(Add(new AlterTableCommentOperation(table, null, schema ?? DefaultSchema) { ExistingComment = existingComment is null ? default : existingComment }));

    /// <summary>Adds a column.</summary>
    public Op AddColumn(string table, Column column, string? schema = null) =>
        Then(Add(new AddColumnOperation(table, column, schema ?? DefaultSchema)));

    /// <summary>Drops a column. Pass <paramref name="existing"/> to make the drop reversible.</summary>
    public Op DropColumn(string table, string column, Column? existing = null, string? schema = null) =>
        Then(Add(new DropColumnOperation(table, column, schema ?? DefaultSchema) { Existing = existing }));

    /// <summary>
    /// Alters a column (Alembic's <c>alter_column</c>): rename with <paramref name="newColumnName"/>, change
    /// type, nullability, server default (or drop it with <paramref name="dropServerDefault"/>) or comment.
    /// The <c>existing…</c> arguments describe the column before and make the change reversible; for a default or
    /// comment change, leaving the existing value out means the column had none.
    /// </summary>
    public Op AlterColumn(string table, string column, string? newColumnName = null, SqlType? type = null,
        bool? nullable = null, ServerDefault? serverDefault = null, bool dropServerDefault = false,
        string? comment = null, bool dropComment = false, string? usingExpression = null,
        SqlType? existingType = null, bool? existingNullable = null, ServerDefault? existingServerDefault = null,
        string? existingComment = null, string? schema = null, bool? online = null)
    {
        if (serverDefault is not null && dropServerDefault)
            throw new ArgumentException("Pass either serverDefault or dropServerDefault, not both.");
        if (comment is not null && dropComment)
            throw new ArgumentException("Pass either comment or dropComment, not both.");
        var op = new AlterColumnOperation(table, column, schema ?? DefaultSchema)
        {
            NewName = newColumnName,
            NewType = type,
            NewNullable = nullable,
            NewDefault = serverDefault is not null ? serverDefault : dropServerDefault ? new Optional<ServerDefault?>(true, null) : default,
            NewComment = comment is not null ? comment : dropComment ? new Optional<string?>(true, null) : default,
            Using = usingExpression,
            ExistingType = existingType,
            ExistingNullable = existingNullable,
            // When the default (or comment) changes, a missing existing value means there was none, which keeps
            // the change reversible; when it does not change, the existing value is irrelevant.
            ExistingDefault = serverDefault is not null || dropServerDefault ? new Optional<ServerDefault?>(true, existingServerDefault) : default,
            ExistingComment = comment is not null || dropComment ? new Optional<string?>(true, existingComment) : default,
            Online = online,
        };
        if (op.NewName is null && op.NewType is null && op.NewNullable is null && !op.NewDefault.HasValue && !op.NewComment.HasValue)
            throw new ArgumentException($"AlterColumn on '{table}.{column}' changes nothing; pass newColumnName, type, nullable, serverDefault or comment.");
        return Then(Add(op));
    }

    /// <summary>
    /// Creates an index (unique and partial with <paramref name="where"/> if asked). On PostgreSQL an index on a table
    /// that exists before the revision is built <c>CONCURRENTLY</c>; <paramref name="online"/>: <c>false</c> asks for
    /// the plain, blocking build (see <see cref="CreateIndexOperation.Online"/>).
    /// </summary>
    public Op CreateIndex(string name, string table, string[] columns, bool unique = false, string? where = null,
        bool concurrently = false, string? schema = null, bool? online = null) =>
        Then(Add(new CreateIndexOperation(table, new TableIndex(name, columns) { Unique = unique, Where = where }, schema ?? DefaultSchema)
            { Concurrently = concurrently, Online = online }));

    /// <summary>
    /// Drops an index. Pass <paramref name="existing"/> to make the drop reversible. On PostgreSQL an index of a table
    /// that exists before the revision is dropped <c>CONCURRENTLY</c> unless <paramref name="online"/> is <c>false</c>.
    /// </summary>
    public Op DropIndex(string name, string table, TableIndex? existing = null, bool concurrently = false, string? schema = null, bool? online = null) =>
        Then(Add(new DropIndexOperation(table, name, schema ?? DefaultSchema) { Existing = existing, Concurrently = concurrently, Online = online }));

    /// <summary>
    /// Adds a foreign key from <paramref name="localColumns"/> of <paramref name="sourceTable"/> to <paramref name="referentTable"/>.
    /// On PostgreSQL, on a table that exists before the revision, it is added <c>NOT VALID</c> and validated in a
    /// transaction of its own unless <paramref name="online"/> is <c>false</c> (see <see cref="AddConstraintOperation.Online"/>).
    /// </summary>
    public Op CreateForeignKey(string name, string sourceTable, string referentTable, string[] localColumns, string[] remoteColumns,
        ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction,
        string? referentSchema = null, string? schema = null, bool? online = null) =>
        Then(Add(new AddConstraintOperation(sourceTable,
            new ForeignKeyConstraint(localColumns.ToValueList(), referentTable, remoteColumns.ToValueList(), name)
            { OnDelete = onDelete, OnUpdate = onUpdate, ReferredSchema = referentSchema }, schema ?? DefaultSchema) { Online = online }));

    /// <summary>Adds a unique constraint (on PostgreSQL, on a table that exists before the revision, over a unique index built concurrently).</summary>
    public Op CreateUniqueConstraint(string name, string table, params string[] columns) =>
        Then(Add(new AddConstraintOperation(table, new UniqueConstraint(columns.ToValueList(), name), DefaultSchema)));

    /// <summary>Adds a unique constraint; <paramref name="online"/>: <c>false</c> asks for the plain, blocking statement (see <see cref="AddConstraintOperation.Online"/>).</summary>
    public Op CreateUniqueConstraint(string name, string table, string[] columns, bool? online) =>
        Then(Add(new AddConstraintOperation(table, new UniqueConstraint(columns.ToValueList(), name), DefaultSchema) { Online = online }));

    /// <summary>
    /// Adds a check constraint with a SQL condition. On PostgreSQL, on a table that exists before the revision, it is
    /// added <c>NOT VALID</c> and validated in a transaction of its own unless <paramref name="online"/> is <c>false</c>.
    /// </summary>
    public Op CreateCheckConstraint(string name, string table, string condition, bool? online = null) =>
        Then(Add(new AddConstraintOperation(table, new CheckConstraint(condition, name), DefaultSchema) { Online = online }));

    /// <summary>Adds a primary key (on PostgreSQL, on a table that exists before the revision, over a unique index built concurrently).</summary>
    public Op CreatePrimaryKey(string name, string table, params string[] columns) =>
        Then(Add(new AddConstraintOperation(table, new PrimaryKeyConstraint(columns.ToValueList(), name), DefaultSchema)));

    /// <summary>Adds a primary key; <paramref name="online"/>: <c>false</c> asks for the plain, blocking statement (see <see cref="AddConstraintOperation.Online"/>).</summary>
    public Op CreatePrimaryKey(string name, string table, string[] columns, bool? online) =>
        Then(Add(new AddConstraintOperation(table, new PrimaryKeyConstraint(columns.ToValueList(), name), DefaultSchema) { Online = online }));

    /// <summary>Drops a named constraint. Pass <paramref name="existing"/> to make the drop reversible.</summary>
    public Op DropConstraint(string name, string table, TableConstraint? existing = null, string? schema = null) =>
        Then(Add(new DropConstraintOperation(table, name, schema ?? DefaultSchema) { Existing = existing }));

    /// <summary>Creates a schema if it does not exist.</summary>
    public Op CreateSchema(string name) => Then(Add(new CreateSchemaOperation(name)));

    /// <summary>Drops an empty schema.</summary>
    public Op DropSchema(string name) => Then(Add(new DropSchemaOperation(name)));

    /// <summary>Creates an enum type (native on PostgreSQL; nothing to do where enums are strings).</summary>
    public Op CreateEnumType(string name, string[] values, string? schema = null) =>
        Then(Add(new CreateEnumTypeOperation(name, values.ToValueList(), schema ?? DefaultSchema)));

    /// <summary>Adds a label to an enum type, at the end or <paramref name="before"/>/<paramref name="after"/> a label; it runs outside the transaction.</summary>
    public Op AddEnumValue(string name, string value, string? before = null, string? after = null, string? schema = null) =>
        Then(Add(new AddEnumValueOperation(name, value, schema ?? DefaultSchema) { Before = before, After = after }));

    /// <summary>Drops an enum type. Pass <paramref name="existing"/> labels to make it reversible.</summary>
    public Op DropEnumType(string name, string[]? existing = null, string? schema = null) =>
        Then(Add(new DropEnumTypeOperation(name, schema ?? DefaultSchema) { Existing = existing?.ToValueList() }));

    /// <summary>
    /// Runs SQL with named parameters: <c>op.Execute("UPDATE t SET a = @a", new { a = 1 })</c> or a dictionary.
    /// With <paramref name="outsideTransaction"/> (or inside <see cref="OutsideTransaction"/>) the statement runs on
    /// its own outside the revision's transaction, for SQL the database refuses inside one
    /// (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>).
    /// </summary>
    public Op Execute(string sql, object? parameters = null, string? reverseSql = null, bool outsideTransaction = false)
    {
        if (outsideTransaction || _outside) AddOutside(sql, ParameterValues.From(parameters), reverseSql);
        else Add(new ExecuteSqlOperation(sql) { Parameters = ParameterValues.From(parameters), ReverseSql = reverseSql });
        return this;
    }

    /// <summary>Inserts rows given as anonymous objects or dictionaries with the same keys.</summary>
    public void BulkInsert(string table, IEnumerable<object> rows, string? schema = null)
    {
        var dicts = rows.Select(ParameterValues.From).ToList();
        if (dicts.Count == 0) return;
        var columns = dicts[0].Keys.ToList();
        foreach (var d in dicts)
            if (d.Count != columns.Count || columns.Any(c => !d.ContainsKey(c)))
                throw new ArgumentException($"BulkInsert into '{table}': every row needs the same columns ({string.Join(", ", columns)}).");
        Add(new BulkInsertOperation(table, columns.ToValueList(),
            dicts.Select(d => columns.Select(c => d[c]).ToValueList()).ToValueList(), schema ?? DefaultSchema));
    }

    /// <summary>
    /// Runs C# code in the revision's transaction, with the open connection (for data transformations).
    /// Give <paramref name="reverse"/> to make it reversible.
    /// </summary>
    public Op Run(string description, Func<MigrationContext, CancellationToken, Task> action,
        Func<MigrationContext, CancellationToken, Task>? reverse = null) =>
        Then(Add(new CodeStepOperation(description, action) { ReverseAction = reverse }));
}
