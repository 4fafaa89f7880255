using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Makes a column NOT NULL online: the expand adds a shadow column that holds <c>COALESCE(column, backfill)</c> for every
/// row (backfilled in batches, kept in step by triggers, checked by a constraint validated without blocking writes),
/// so the old application may still write NULLs while the new one never sees one; the contract drops the old column,
/// renames the shadow column and sets NOT NULL without scanning the table.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column.</param>
/// <param name="Backfill">SQL for the value of a row whose column is NULL, over a row of the old shape (for example <c>'unknown'</c> or <c>lower(name)</c>).</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineSetNotNullOperation(string TableName, string ColumnName, string Backfill, string? Schema = null) : OnlineOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override OnlineShape GetShape() => new()
    {
        NewColumns = [new OnlineNewColumn(ColumnName, $"COALESCE({Quote(ColumnName)}, {Backfill})") { Source = ColumnName, NotNull = true }],
        RetiredColumns = [new OnlineRetiredColumn(ColumnName, null, Derived: true)],
    };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape() =>
    [
        Update($"{Quote(ColumnName)} = {Backfill}", $"{Quote(ColumnName)} IS NULL"),
        new AlterColumnOperation(TableName, ColumnName, Schema) { NewNullable = false },
    ];

    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new AlterColumnOperation(TableName, ColumnName, Schema) { NewNullable = true, ExistingNullable = false };

    /// <inheritdoc />
    public override string Describe() => $"set column {Display}.{ColumnName} NOT NULL, NULLs backfilled with {Backfill} (online)";

    /// <summary>What Retort knows about making a column NOT NULL online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineSetNotNullOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.Online.SetNotNull({S(o.TableName)}, {S(o.ColumnName)}, {S(o.Backfill)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Always,
        ReverseNote = "drops NOT NULL again (a plain ALTER COLUMN, which takes a brief lock and scans nothing); the backfilled values stay",
        Dangers = o => [OneStepNote(o)],
        Offline = OfflineSupport.Simplified("the final shape in one step (UPDATE … WHERE column IS NULL, then SET NOT NULL): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
