using Retort.Schema;

namespace Retort.Operations;

/// <summary>
/// Merges several columns into one online: the expand adds the new column as a shadow column computed with
/// <see cref="Up"/> (backfilled in batches, kept in step by triggers), and computes each old column with its
/// <see cref="OnlineColumnDown.Down"/> from what the new application writes; the contract drops the old columns and
/// names the new one.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnNames">The columns merged.</param>
/// <param name="NewColumn">The column they become.</param>
/// <param name="Up">SQL computing the new column from a row of the old shape.</param>
/// <param name="Downs">Each old column with the SQL computing it from a row of the new shape.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineMergeColumnsOperation(string TableName, ValueList<string> ColumnNames, Column NewColumn, string Up, ValueList<OnlineColumnDown> Downs,
    string? Schema = null) : OnlineOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override OnlineShape GetShape() => new()
    {
        NewColumns = [new OnlineNewColumn(NewColumn.Name, Up) { Type = NewColumn.Type, NotNull = NewColumn.Nullable == false, Default = NewColumn.Default }],
        RetiredColumns = ColumnNames.Select(c => new OnlineRetiredColumn(c, Downs.FirstOrDefault(d => d.Name == c)?.Down, Derived: true)).ToList(),
    };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape() =>
    [
        new AddColumnOperation(TableName, NewColumn with { Nullable = true }, Schema),
        Update($"{Quote(NewColumn.Name)} = {Up}"),
        .. new[] { NewColumn }.Where(c => !c.Nullable).Select(c => (MigrationOperation)new AlterColumnOperation(TableName, c.Name, Schema) { NewNullable = false }),
        .. ColumnNames.Select(c => (MigrationOperation)new DropColumnOperation(TableName, c, Schema)),
    ];

    /// <inheritdoc />
    public override string Describe() => $"merge columns {string.Join(", ", ColumnNames)} of {Display} into {NewColumn.Name} (online)";

    /// <summary>What Retort knows about merging columns online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineMergeColumnsOperation> Registration { get; } = new()
    {
        NotWritableAsCSharp = "autogenerate never produces one: how to merge is the author's decision (op.Online.MergeColumns)",
        Reverse = Reversibility.Never,
        ReverseNote = "no reverse: write the split that undoes it (op.Online.SplitColumn) in the downgrade",
        Dangers = o => [new(DangerKind.LosesData, $"drops columns {string.Join(", ", o.ColumnNames.Select(c => $"'{o.TableName}.{c}'"))} when the revision is completed; their data lives on only as the down expressions recompute it."), OneStepNote(o)],
        Offline = OfflineSupport.Simplified("the final shape in one step (ADD COLUMN, one UPDATE, DROP COLUMN): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
