using Retort.Dialects;
using Retort.Operations;
using Retort.PostgreSql.Internal;
using Retort.Schema;

namespace Retort.PostgreSql;

public sealed partial class PostgreSqlDdlGenerator
{
    /// <summary>
    /// PostgreSQL's safe recipes, for operations on a table that exists before the revision (one the plan has not
    /// created before them, and does not drop after them), unless the operation's <c>Online</c> is false:
    /// <list type="bullet">
    /// <item>an index built or dropped <c>CONCURRENTLY</c>, outside the transaction (an INVALID index left by a failed
    /// build is dropped);</item>
    /// <item>a foreign key or check added <c>NOT VALID</c>, then <c>VALIDATE CONSTRAINT</c> in a transaction of its own
    /// (it takes SHARE UPDATE EXCLUSIVE: writes go on while it scans);</item>
    /// <item><c>SET NOT NULL</c> after a <c>CHECK (column IS NOT NULL)</c> added <c>NOT VALID</c> and validated the same
    /// way, so the server skips its scan under ACCESS EXCLUSIVE (PostgreSQL 12 and later); the check is dropped after;</item>
    /// <item>a unique constraint or primary key over a unique index built <c>CONCURRENTLY</c>, then
    /// <c>ADD CONSTRAINT … USING INDEX</c> in a transaction of its own.</item>
    /// </list>
    /// A step that fails on the table's rows (a NULL, a duplicate, an orphan) removes what the recipe made.
    /// </summary>
    public override IReadOnlyList<MigrationOperation> SafeRecipes(IReadOnlyList<MigrationOperation> plan)
    {
        var created = new HashSet<(string?, string)>();
        // A table the plan drops later (a downgrade that drops an index, then its table) gains nothing from a recipe:
        // the drop takes ACCESS EXCLUSIVE anyway, and the recipe's steps would each commit on their own.
        var lastDrop = new Dictionary<(string?, string), int>();
        for (var i = 0; i < plan.Count; i++)
            if (plan[i] is DropTableOperation d) lastDrop[(d.Schema, d.Name)] = i;
        var steps = new List<MigrationOperation>();
        for (var index = 0; index < plan.Count; index++)
        {
            var operation = plan[index];
            switch (operation)
            {
                case CreateTableOperation c:
                    created.Add((c.Table.Schema, c.Table.Name));
                    break;
                case RenameTableOperation r when created.Contains((r.Schema, r.TableName)):
                    created.Add((r.Schema, r.NewName));
                    break;
            }
            var existing = operation is TableOperation t && !created.Contains((t.Schema, t.TableName))
                && !(lastDrop.TryGetValue((t.Schema, t.TableName), out var drop) && drop > index);
            steps.AddRange(Recipe(operation, existing) ?? [operation]);
        }
        return steps;
    }

    private IReadOnlyList<MigrationOperation>? Recipe(MigrationOperation operation, bool existing) => operation switch
    {
        CreateIndexOperation { Concurrently: false, Index.Name: not null } c when c.Online ?? existing => ConcurrentIndex(c),
        DropIndexOperation { Concurrently: false } d when d.Online ?? existing =>
            [Step(d, "drop the index concurrently", RecipeStepRun.OutsideTransaction, DropIndex(d with { Concurrently = true })) with { AppliesSource = true }],
        AddConstraintOperation { Constraint: ForeignKeyConstraint or CheckConstraint, Constraint.Name: { } name } a when a.Online ?? existing => NotValidThenValidate(a, name),
        AddConstraintOperation { Constraint: UniqueConstraint or PrimaryKeyConstraint, Constraint.Name: { } name } a when a.Online ?? existing => UniqueIndexThenConstraint(a, name),
        // A type change rewrites the table anyway, and its USING may turn NULLs into values: left as it is.
        AlterColumnOperation { NewNullable: false, NewType: null } a when a.Online ?? existing => NotNullThroughCheck(a),
        _ => null,
    };

    private static PostgreSqlRecipeStep Step(MigrationOperation source, string what, RecipeStepRun run, IEnumerable<SqlStatement> statements) =>
        new(source, what, statements.Select(s => s.Kind == StatementKind.Unclassified ? s with { Kind = StatementKind.Schema } : s).ToList()) { Run = run };

    private SqlStatement DropIndexConcurrently(string? schema, string name) =>
        new($"DROP INDEX CONCURRENTLY IF EXISTS {Q(schema, name)}") { Transactional = false, Kind = StatementKind.ConcurrentIndex };

    private SqlStatement DropConstraintIfExists(TableOperation table, string name) =>
        new($"ALTER TABLE {Q(table.Schema, table.TableName)} DROP CONSTRAINT IF EXISTS {Q(name)}") { Kind = StatementKind.Schema };

    private IReadOnlyList<MigrationOperation> ConcurrentIndex(CreateIndexOperation c) =>
    [
        Step(c, "build the index concurrently", RecipeStepRun.OutsideTransaction, CreateIndex(c with { Concurrently = true }))
            with { OnFailure = [DropIndexConcurrently(c.Schema, c.Index.Name!)], AppliesSource = true },
    ];

    private IReadOnlyList<MigrationOperation> NotValidThenValidate(AddConstraintOperation a, string name)
    {
        var table = Q(a.Schema, a.TableName);
        var added = AddConstraint(a).Select(s => s with { Sql = s.Sql + " NOT VALID" });
        return
        [
            Step(a, "add it NOT VALID", RecipeStepRun.OwnTransaction, added),
            Step(a, "validate it", RecipeStepRun.OwnTransaction, [new SqlStatement($"ALTER TABLE {table} VALIDATE CONSTRAINT {Q(name)}")])
                with { OnFailure = [DropConstraintIfExists(a, name)], Undoes = 1, AppliesSource = true },
        ];
    }

    private IReadOnlyList<MigrationOperation> UniqueIndexThenConstraint(AddConstraintOperation a, string name)
    {
        var kind = a.Constraint is PrimaryKeyConstraint ? "PRIMARY KEY" : "UNIQUE";
        var index = new CreateIndexOperation(a.TableName, new TableIndex(name, a.Constraint.ColumnNames) { Unique = true }, a.Schema) { Concurrently = true };
        var drop = DropIndexConcurrently(a.Schema, name);
        return
        [
            Step(a, "build its unique index concurrently", RecipeStepRun.OutsideTransaction, CreateIndex(index)) with { OnFailure = [drop] },
            Step(a, "add it using the index", RecipeStepRun.OwnTransaction,
                [new SqlStatement($"ALTER TABLE {Q(a.Schema, a.TableName)} ADD CONSTRAINT {Q(name)} {kind} USING INDEX {Q(name)}")])
                with { OnFailure = [drop], Undoes = 1, AppliesSource = true },
        ];
    }

    private IReadOnlyList<MigrationOperation> NotNullThroughCheck(AlterColumnOperation a)
    {
        var table = Q(a.Schema, a.TableName);
        var check = NotNullCheckName(a.TableName, a.ColumnName);
        return
        [
            Step(a, $"add CHECK ({a.ColumnName} IS NOT NULL) NOT VALID", RecipeStepRun.OwnTransaction,
                [new SqlStatement($"ALTER TABLE {table} ADD CONSTRAINT {Q(check)} CHECK ({Q(a.ColumnName)} IS NOT NULL) NOT VALID")]),
            Step(a, "validate the check", RecipeStepRun.OwnTransaction, [new SqlStatement($"ALTER TABLE {table} VALIDATE CONSTRAINT {Q(check)}")])
                with { OnFailure = [DropConstraintIfExists(a, check)], Undoes = 1 },
            // The validated check proves the column holds no NULL: SET NOT NULL skips its scan.
            Step(a, "set NOT NULL and drop the check", RecipeStepRun.InTransaction,
                [.. AlterColumn(a), new SqlStatement($"ALTER TABLE {table} DROP CONSTRAINT {Q(check)}")]) with { AppliesSource = true },
        ];
    }

    /// <summary>The name of the helper check of the <c>SET NOT NULL</c> recipe: <c>{table}_{column}_not_null</c>, cut to PostgreSQL's 63 bytes.</summary>
    internal static string NotNullCheckName(string table, string column)
    {
        var name = $"{table}_{column}_not_null";
        while (System.Text.Encoding.UTF8.GetByteCount(name) > 63) name = name[..^1];
        return name;
    }
}
