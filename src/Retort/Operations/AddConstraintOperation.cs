using Retort.Internal;
using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Adds a primary key, foreign key, unique or check constraint to an existing table.</summary>
/// <param name="TableName">The table.</param>
/// <param name="Constraint">The constraint; its name must be set.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record AddConstraintOperation(string TableName, TableConstraint Constraint, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>
    /// Whether the dialect runs its online recipe (PostgreSQL: a foreign key or check added <c>NOT VALID</c> and validated in a transaction of its own; a unique constraint or primary key over a unique index built <c>CONCURRENTLY</c>). Null, the default: when the
    /// table exists before the revision (not created earlier in the same plan). False: the plain statement, which
    /// blocks writes while it works but is one atomic step. True: the recipe even on a table the plan creates.
    /// Dialects without a recipe ignore it.
    /// </summary>
    [FingerprintOmitsDefault]
    public bool? Online { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Constraint.Name is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Constraint.Name is null
        ? throw new IrreversibleOperationException(this, "the constraint has no name to drop it by")
        : new DropConstraintOperation(TableName, Constraint.Name, Schema) { Existing = Constraint };

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (Constraint.Name is not null && table.Constraints.Any(c => c.Name == Constraint.Name))
            throw new RetortException($"Cannot add constraint '{Constraint.Name}' to '{Display}': a constraint of that name exists.");
        foreach (var col in Constraint.ColumnNames) table.GetColumn(col);
        return Constraint switch
        {
            PrimaryKeyConstraint pk => table.PrimaryKey is null ? table with { PrimaryKey = pk }
                : throw new RetortException($"Cannot add a primary key to '{Display}': it already has '{table.PrimaryKey.Name}'. Drop it first."),
            ForeignKeyConstraint fk => table with { ForeignKeys = table.ForeignKeys.Append(fk).ToValueList() },
            UniqueConstraint uq => table with { UniqueConstraints = table.UniqueConstraints.Append(uq).ToValueList() },
            CheckConstraint ck => table with { CheckConstraints = table.CheckConstraints.Append(ck).ToValueList() },
            _ => throw new RetortException($"Unsupported constraint type {Constraint.GetType().Name}."),
        };
    }

    /// <inheritdoc />
    public override string Describe() => $"add {Constraint.ConventionKey} constraint {Constraint.Name} on {Display}";

    // The op facade has a call per constraint type; one with a schema other than a foreign key is written in full.
    private static string CSharpCall(AddConstraintOperation a) => a.Constraint switch
    {
        ForeignKeyConstraint f => $"op.CreateForeignKey({S(f.Name ?? "")}, {S(a.TableName)}, {S(f.ReferredTable)}, [{string.Join(", ", f.Columns.Select(S))}], [{string.Join(", ", f.ReferredColumns.Select(S))}]" +
            (f.OnDelete != ReferentialAction.NoAction ? ", onDelete: ReferentialAction." + f.OnDelete : "") +
            (f.OnUpdate != ReferentialAction.NoAction ? ", onUpdate: ReferentialAction." + f.OnUpdate : "") +
            (f.ReferredSchema is null ? "" : ", referentSchema: " + S(f.ReferredSchema)) + SchemaArg(a.Schema) + OnlineArg(a.Online) + ");",
        UniqueConstraint u when a.Schema is null && a.Online is { } online => $"op.CreateUniqueConstraint({S(u.Name ?? "")}, {S(a.TableName)}, [{string.Join(", ", u.Columns.Select(S))}], online: {Bool(online)});",
        UniqueConstraint u when a.Schema is null => $"op.CreateUniqueConstraint({S(u.Name ?? "")}, {S(a.TableName)}, {string.Join(", ", u.Columns.Select(S))});",
        CheckConstraint c when a.Schema is null => $"op.CreateCheckConstraint({S(c.Name ?? "")}, {S(a.TableName)}, {S(c.Expression)}{OnlineArg(a.Online)});",
        PrimaryKeyConstraint p when a.Schema is null && a.Online is { } online => $"op.CreatePrimaryKey({S(p.Name ?? "")}, {S(a.TableName)}, [{string.Join(", ", p.Columns.Select(S))}], online: {Bool(online)});",
        PrimaryKeyConstraint p when a.Schema is null => $"op.CreatePrimaryKey({S(p.Name ?? "")}, {S(a.TableName)}, {string.Join(", ", p.Columns.Select(S))});",
        _ => $"op.Add(new AddConstraintOperation({S(a.TableName)}, {ConstraintCode(a.Constraint)}, {S(a.Schema)}){(a.Online is { } on ? $" {{ Online = {Bool(on)} }}" : "")});",
    };

    /// <summary>What Retort knows about adding a constraint (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<AddConstraintOperation> Registration { get; } = new()
    {
        CSharp = CSharpCall,
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "drops the constraint by its name, so it needs one",
        Dangers = o => [new(DangerKind.LocksOrRewritesTable,
            $"checks every existing row of '{o.TableName}' against constraint '{o.Constraint.Name}' while holding a lock that blocks writes, and fails if a row breaks it.")],
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
