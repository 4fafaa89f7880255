using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Splits one column into several online: the expand adds the new columns as shadow columns computed with their
/// <see cref="OnlineColumn.Up"/> expressions (backfilled in batches, kept in step by triggers), and computes the old
/// column with <see cref="Down"/> from what the new application writes; the contract drops the old column and names
/// the new ones.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column split.</param>
/// <param name="NewColumns">The columns it becomes, each with its up expression.</param>
/// <param name="Down">SQL computing the old column from a row of the new shape.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineSplitColumnOperation(string TableName, string ColumnName, ValueList<OnlineColumn> NewColumns, string Down, string? Schema = null)
    : OnlineOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override OnlineShape GetShape() => new()
    {
        NewColumns = NewColumns.Select(c => new OnlineNewColumn(c.Column.Name, c.Up) { Type = c.Column.Type, NotNull = c.Column.Nullable == false, Default = c.Column.Default }).ToList(),
        RetiredColumns = [new OnlineRetiredColumn(ColumnName, Down, Derived: true)],
    };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape() =>
    [
        .. NewColumns.Select(c => (MigrationOperation)new AddColumnOperation(TableName, c.Column with { Nullable = true }, Schema)),
        Update(string.Join(", ", NewColumns.Select(c => $"{Quote(c.Column.Name)} = {c.Up}"))),
        .. NewColumns.Where(c => c.Column.Nullable == false).Select(c => (MigrationOperation)new AlterColumnOperation(TableName, c.Column.Name, Schema) { NewNullable = false }),
        new DropColumnOperation(TableName, ColumnName, Schema),
    ];

    /// <inheritdoc />
    public override string Describe() => $"split column {Display}.{ColumnName} into {string.Join(", ", NewColumns.Select(c => c.Column.Name))} (online)";

    /// <summary>What Retort knows about splitting a column online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineSplitColumnOperation> Registration { get; } = new()
    {
        NotWritableAsCSharp = "autogenerate never produces one: how to split is the author's decision (op.Online.SplitColumn)",
        Reverse = Reversibility.Never,
        ReverseNote = "no reverse: write the merge that undoes it (op.Online.MergeColumns) in the downgrade",
        Dangers = o => [new(DangerKind.LosesData, $"drops column '{o.TableName}.{o.ColumnName}' when the revision is completed; its data lives on only as the down expression recomputes it."), OneStepNote(o)],
        Offline = OfflineSupport.Simplified("the final shape in one step (ADD COLUMN, one UPDATE, DROP COLUMN): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
