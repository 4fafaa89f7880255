using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Drops a column online: during the expand the new version's views leave it out while the old version's still show
/// it, and a row the new application inserts gets <see cref="Down"/> in it (so a NOT NULL column without a default
/// keeps working for the old application); the contract drops it.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column to drop.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineDropColumnOperation(string TableName, string ColumnName, string? Schema = null) : OnlineOperation(TableName, Schema)
{
    /// <summary>SQL for the column's value in a row the new application inserts, over a row of the new shape; null leaves it to the column's default.</summary>
    public string? Down { get; init; }

    /// <summary>The column's definition before the drop; makes the operation reversible.</summary>
    public Column? Existing { get; init; }

    /// <inheritdoc />
    public override OnlineShape GetShape() => new() { RetiredColumns = [new OnlineRetiredColumn(ColumnName, Down, Derived: false)] };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape() => [new DropColumnOperation(TableName, ColumnName, Schema) { Existing = Existing }];

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped column's definition is not known (existing:)")
        : new AddColumnOperation(TableName, Existing, Schema);

    /// <inheritdoc />
    public override string Describe() => $"drop column {Display}.{ColumnName} (online)";

    /// <summary>What Retort knows about dropping a column online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineDropColumnOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.Online.DropColumn({S(o.TableName)}, {S(o.ColumnName)}" + (o.Down is null ? "" : ", down: " + S(o.Down)) +
            (o.Existing is null ? "" : ", existing: " + ColumnCode(o.Existing)) + SchemaArg(o.Schema) + ");",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "adds the column again from its definition before the drop (existing:); its data is not restored",
        Dangers = o => [new(DangerKind.LosesData, $"drops column '{o.TableName}.{o.ColumnName}' and its data when the revision is completed.")],
        Offline = OfflineSupport.Simplified("the final shape in one step (DROP COLUMN): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
