using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Drops a named constraint (primary key, foreign key, unique or check).</summary>
/// <param name="TableName">The table.</param>
/// <param name="Name">Constraint name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record DropConstraintOperation(string TableName, string Name, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>The constraint before the drop; makes the drop reversible.</summary>
    public TableConstraint? Existing { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped constraint's definition is not known")
        : new AddConstraintOperation(TableName, Existing, Schema);

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        if (!table.Constraints.Any(c => c.Name == Name))
            throw new RetortException($"Cannot drop constraint '{Name}': table '{Display}' has no constraint of that name. " +
                $"Its named constraints are: {string.Join(", ", table.Constraints.Select(c => c.Name).OfType<string>())}.");
        return table with
        {
            PrimaryKey = table.PrimaryKey?.Name == Name ? null : table.PrimaryKey,
            ForeignKeys = table.ForeignKeys.Where(c => c.Name != Name).ToValueList(),
            UniqueConstraints = table.UniqueConstraints.Where(c => c.Name != Name).ToValueList(),
            CheckConstraints = table.CheckConstraints.Where(c => c.Name != Name).ToValueList(),
        };
    }

    /// <inheritdoc />
    public override string Describe() => $"drop constraint {Name} on {Display}";

    /// <summary>What Retort knows about dropping a constraint (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<DropConstraintOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.DropConstraint({S(o.Name)}, {S(o.TableName)}{(o.Existing is null ? "" : ", existing: " + ConstraintCode(o.Existing))}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "adds the constraint again from its definition before the drop (existing:)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
