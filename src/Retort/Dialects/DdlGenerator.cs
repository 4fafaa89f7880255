using System.Text;
using Retort.Operations;
using Retort.Schema;

namespace Retort.Dialects;

/// <summary>
/// Turns operations into SQL statements: one virtual method per operation (the shape of EF Core's
/// <c>MigrationsSqlGenerator</c>). The base class writes standard SQL; dialects override what differs, and declare
/// what they do with every kind of operation (<see cref="SupportFor"/>).
/// </summary>
public abstract partial class DdlGenerator(Dialect dialect)
{
    /// <summary>The dialect this generator writes for.</summary>
    protected Dialect Dialect { get; } = dialect;

    /// <summary>Splits a plan into groups compiled and executed together (the SQLite rebuild merges a table's changes).</summary>
    public virtual IReadOnlyList<IReadOnlyList<MigrationOperation>> GroupOperations(IReadOnlyList<MigrationOperation> plan) =>
        plan.Select(op => (IReadOnlyList<MigrationOperation>)[op]).ToList();

    /// <summary>Compiles one group of operations into steps, reading the current schema where needed.</summary>
    public virtual Task<IReadOnlyList<MigrationStep>> CompileAsync(IReadOnlyList<MigrationOperation> group, ISchemaSnapshot schema, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MigrationStep>>(group.SelectMany(Generate).ToList());

    /// <summary>
    /// Generates what this dialect declares for the operation's kind (<see cref="SupportFor"/>): its method's statements,
    /// nothing, or the dialect's error. Statements the methods leave unclassified are marked as schema changes (or, for
    /// a bulk insert, as data); raw SQL keeps what its operation says.
    /// </summary>
    public virtual IReadOnlyList<MigrationStep> Generate(MigrationOperation operation)
    {
        if (operation is RecipeStep recipe) return recipe.Statements.Select(s => (MigrationStep)s).ToList();
        var kind = OperationRegistry.Find(operation.GetType())?.OperationType;
        if (kind is null || SupportFor(kind) is not { } support || !Methods.TryGetValue(kind, out var method))
            throw new RetortException($"The {Dialect.Name} dialect does not support the operation '{operation.Describe()}'.");
        return support.Kind switch
        {
            OperationSupportKind.Refused => throw new RetortException(support.RefusalFor(operation)),
            OperationSupportKind.Nothing => [],
            _ => method(this, operation),
        };
    }

    /// <summary>Quotes an identifier.</summary>
    protected string Q(string identifier) => Dialect.QuoteIdentifier(identifier);

    /// <summary>Quotes a schema-qualified name.</summary>
    protected string Q(string? schema, string name) => Dialect.QualifyName(schema, name);

    /// <summary>Quoted, comma-separated column list.</summary>
    protected string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(Q));

    /// <summary>The dialect's type name for a type.</summary>
    public abstract string TypeName(SqlType type);

    /// <summary>CREATE TABLE followed by its CREATE INDEX statements.</summary>
    public virtual IEnumerable<SqlStatement> CreateTable(CreateTableOperation operation)
    {
        yield return new SqlStatement(CreateTableSql(operation.Table));
        if (operation.WithIndexes)
            foreach (var index in operation.Table.Indexes)
                foreach (var s in CreateIndex(new CreateIndexOperation(operation.Table.Name, index, operation.Table.Schema)))
                    yield return s;
    }

    /// <summary>The CREATE TABLE statement alone.</summary>
    public virtual string CreateTableSql(Table table, string? nameOverride = null)
    {
        var lines = new List<string>();
        foreach (var column in table.Columns) lines.Add(ColumnDefinition(table, column));
        foreach (var constraint in table.Constraints) lines.Add(ConstraintDefinition(table, constraint));
        var sb = new StringBuilder();
        sb.Append("CREATE TABLE ").Append(Q(table.Schema, nameOverride ?? table.Name)).Append(" (\n    ");
        sb.Append(string.Join(",\n    ", lines));
        sb.Append("\n)").Append(TableSuffix(table));
        return sb.ToString();
    }

    /// <summary>Text after the closing parenthesis of CREATE TABLE (table options).</summary>
    protected virtual string TableSuffix(Table table) => "";

    /// <summary>One column definition inside CREATE TABLE or ADD COLUMN.</summary>
    public virtual string ColumnDefinition(Table? table, Column column)
    {
        var sb = new StringBuilder();
        sb.Append(Q(column.Name)).Append(' ').Append(TypeName(column.Type));
        if (!column.Nullable) sb.Append(" NOT NULL");
        if (column.Default is not null) sb.Append(" DEFAULT ").Append(RenderDefault(column.Default));
        return sb.ToString();
    }

    /// <summary>Renders a server default.</summary>
    public virtual string RenderDefault(ServerDefault value) => value switch
    {
        LiteralDefault l => Dialect.RenderLiteral(l.Value),
        ExpressionDefault e => "(" + e.Expression + ")",
        _ => throw new RetortException($"Unsupported default {value}."),
    };

    /// <summary>A constraint clause inside CREATE TABLE or ADD CONSTRAINT.</summary>
    public virtual string ConstraintDefinition(Table table, TableConstraint constraint)
    {
        var prefix = constraint.Name is null ? "" : "CONSTRAINT " + Q(constraint.Name) + " ";
        return prefix + constraint switch
        {
            PrimaryKeyConstraint pk => $"PRIMARY KEY ({Columns(pk.Columns)})",
            UniqueConstraint uq => $"UNIQUE ({Columns(uq.Columns)})",
            CheckConstraint ck => $"CHECK ({ck.Expression})",
            ForeignKeyConstraint fk => ForeignKeyClause(table, fk),
            _ => throw new RetortException($"Unsupported constraint {constraint.GetType().Name}."),
        };
    }

    /// <summary>FOREIGN KEY … REFERENCES … with its actions.</summary>
    protected virtual string ForeignKeyClause(Table table, ForeignKeyConstraint fk)
    {
        var sb = new StringBuilder();
        sb.Append($"FOREIGN KEY ({Columns(fk.Columns)}) REFERENCES {Q(fk.ReferredSchema ?? ReferredSchemaDefault(table), fk.ReferredTable)} ({Columns(fk.ReferredColumns)})");
        if (fk.OnDelete != ReferentialAction.NoAction) sb.Append(" ON DELETE ").Append(Action(fk.OnDelete));
        if (fk.OnUpdate != ReferentialAction.NoAction) sb.Append(" ON UPDATE ").Append(Action(fk.OnUpdate));
        return sb.ToString();
    }

    /// <summary>Schema used for a foreign key target that names none.</summary>
    protected virtual string? ReferredSchemaDefault(Table table) => table.Schema;

    /// <summary>SQL spelling of a referential action.</summary>
    protected static string Action(ReferentialAction action) => action switch
    {
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    /// <summary>DROP TABLE.</summary>
    public virtual IEnumerable<SqlStatement> DropTable(DropTableOperation operation) =>
        [new($"DROP TABLE {Q(operation.Schema, operation.Name)}")];

    /// <summary>ALTER TABLE … RENAME TO.</summary>
    public virtual IEnumerable<SqlStatement> RenameTable(RenameTableOperation operation) =>
        [new($"ALTER TABLE {Q(operation.Schema, operation.TableName)} RENAME TO {Q(operation.NewName)}")];

    /// <summary>ALTER TABLE … ADD COLUMN.</summary>
    public virtual IEnumerable<SqlStatement> AddColumn(AddColumnOperation operation) =>
        [new($"ALTER TABLE {Q(operation.Schema, operation.TableName)} ADD COLUMN {ColumnDefinition(null, operation.Column)}")];

    /// <summary>ALTER TABLE … DROP COLUMN.</summary>
    public virtual IEnumerable<SqlStatement> DropColumn(DropColumnOperation operation) =>
        [new($"ALTER TABLE {Q(operation.Schema, operation.TableName)} DROP COLUMN {Q(operation.ColumnName)}")];

    /// <summary>ALTER TABLE … ALTER COLUMN (dialect specific).</summary>
    public abstract IEnumerable<SqlStatement> AlterColumn(AlterColumnOperation operation);

    /// <summary>CREATE [UNIQUE] INDEX … [WHERE …].</summary>
    public virtual IEnumerable<SqlStatement> CreateIndex(CreateIndexOperation operation)
    {
        var index = operation.Index;
        var cols = index.Expressions ? string.Join(", ", index.Columns) : Columns(index.Columns);
        var sql = $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {Q(index.Name!)} ON {Q(operation.Schema, operation.TableName)} ({cols})";
        if (index.Where is not null) sql += " WHERE " + index.Where;
        return [new SqlStatement(sql)];
    }

    /// <summary>Raw SQL as written, with its parameters; outside the transaction when the operation says so.</summary>
    public virtual IEnumerable<SqlStatement> ExecuteSql(ExecuteSqlOperation operation) =>
        [new SqlStatement(operation.Sql) { Parameters = operation.Parameters, Transactional = !operation.OutsideTransaction }];

    /// <summary>DROP INDEX.</summary>
    public virtual IEnumerable<SqlStatement> DropIndex(DropIndexOperation operation) =>
        [new($"DROP INDEX {Q(operation.Schema, operation.Name)}")];

    /// <summary>ALTER TABLE … ADD CONSTRAINT.</summary>
    public virtual IEnumerable<SqlStatement> AddConstraint(AddConstraintOperation operation) =>
        [new($"ALTER TABLE {Q(operation.Schema, operation.TableName)} ADD {ConstraintDefinition(Table.Create(operation.TableName, operation.Schema, []), operation.Constraint)}")];

    /// <summary>ALTER TABLE … DROP CONSTRAINT.</summary>
    public virtual IEnumerable<SqlStatement> DropConstraint(DropConstraintOperation operation) =>
        [new($"ALTER TABLE {Q(operation.Schema, operation.TableName)} DROP CONSTRAINT {Q(operation.Name)}")];

    /// <summary>CREATE SCHEMA IF NOT EXISTS.</summary>
    public virtual IEnumerable<SqlStatement> CreateSchema(CreateSchemaOperation operation) =>
        [new($"CREATE SCHEMA IF NOT EXISTS {Q(operation.Name)}")];

    /// <summary>DROP SCHEMA (fails while it holds objects, which is the point).</summary>
    public virtual IEnumerable<SqlStatement> DropSchema(DropSchemaOperation operation) =>
        [new($"DROP SCHEMA {Q(operation.Name)}")];

    /// <summary>Sets or removes a table comment; dialects that store comments elsewhere override it.</summary>
    public virtual IEnumerable<SqlStatement> AlterTableComment(AlterTableCommentOperation operation) =>
        [new($"COMMENT ON TABLE {Q(operation.Schema, operation.TableName)} IS {Dialect.RenderLiteral(operation.Comment)}")];

    /// <summary>CREATE TYPE … AS ENUM; nothing where enums are stored as strings (the default).</summary>
    public virtual IEnumerable<SqlStatement> CreateEnumType(CreateEnumTypeOperation operation) => [];

    /// <summary>Adds a label to an enum type; nothing where enums are stored as strings (the default).</summary>
    public virtual IEnumerable<SqlStatement> AddEnumValue(AddEnumValueOperation operation) => [];

    /// <summary>DROP TYPE; nothing where enums are stored as strings (the default).</summary>
    public virtual IEnumerable<SqlStatement> DropEnumType(DropEnumTypeOperation operation) => [];

    /// <summary>
    /// An online operation where it is not run as expand and contract (an offline script, a single-transaction run):
    /// the steps of its final shape (<see cref="OnlineOperation.FinalShape"/>). Runs through the runner replace it by
    /// its final shape before compiling, so a dialect's table rebuild sees the plain operations.
    /// </summary>
    public virtual IReadOnlyList<MigrationStep> OnlineFinalShape(OnlineOperation operation) => operation.FinalShape().SelectMany(Generate).ToList();

    /// <summary>INSERT statements with parameters, several rows per statement.</summary>
    public virtual IEnumerable<SqlStatement> BulkInsert(BulkInsertOperation operation)
    {
        const int rowsPerStatement = 100;
        var head = $"INSERT INTO {Q(operation.Schema, operation.TableName)} ({Columns(operation.Columns)}) VALUES ";
        for (var start = 0; start < operation.Rows.Count; start += rowsPerStatement)
        {
            var parameters = new Dictionary<string, object?>();
            var rows = new List<string>();
            for (var r = start; r < Math.Min(start + rowsPerStatement, operation.Rows.Count); r++)
            {
                var row = operation.Rows[r];
                if (row.Count != operation.Columns.Count)
                    throw new RetortException($"Bulk insert into '{operation.TableName}': row {r + 1} has {row.Count} values for {operation.Columns.Count} columns.");
                var names = new List<string>();
                for (var c = 0; c < row.Count; c++)
                {
                    var name = $"p{r - start}_{c}";
                    parameters[name] = row[c];
                    names.Add("@" + name);
                }
                rows.Add("(" + string.Join(", ", names) + ")");
            }
            yield return new SqlStatement(head + string.Join(", ", rows)) { Parameters = parameters };
        }
    }
}
