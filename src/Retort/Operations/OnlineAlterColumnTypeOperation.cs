using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Changes a column's type online: the expand adds a shadow column of the new type, filled by a batched backfill and
/// kept in step by triggers (<see cref="Up"/> from what the old application writes, <see cref="Down"/> from what the
/// new one writes); the contract drops the old column and gives the shadow column its name. Without expressions the
/// value is converted by assignment both ways (enough for integer to bigint, varchar to text, …).
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column.</param>
/// <param name="NewType">Its new type.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineAlterColumnTypeOperation(string TableName, string ColumnName, SqlType NewType, string? Schema = null) : OnlineOperation(TableName, Schema)
{
    /// <summary>SQL computing the new value from a row of the old shape (for example <c>amount::bigint</c>); null converts by assignment.</summary>
    public string? Up { get; init; }

    /// <summary>SQL computing the old value from a row of the new shape; null converts by assignment.</summary>
    public string? Down { get; init; }

    /// <summary>The column's type before; makes the operation reversible.</summary>
    public SqlType? ExistingType { get; init; }

    /// <summary>The new column's default; null keeps the old column's default.</summary>
    public ServerDefault? NewDefault { get; init; }

    /// <inheritdoc />
    public override OnlineShape GetShape() => new()
    {
        NewColumns = [new OnlineNewColumn(ColumnName, Up) { Type = NewType, Source = ColumnName, Default = NewDefault }],
        RetiredColumns = [new OnlineRetiredColumn(ColumnName, Down, Derived: true)],
    };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape()
    {
        var alter = new AlterColumnOperation(TableName, ColumnName, Schema) { NewType = NewType, Using = Up, ExistingType = ExistingType };
        return NewDefault is null ? [alter] : [alter with { NewDefault = new Optional<ServerDefault?>(true, NewDefault) }];
    }

    /// <inheritdoc />
    public override bool IsReversible => ExistingType is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => ExistingType is null
        ? throw new IrreversibleOperationException(this, "the column's type before the change is not known (existingType:)")
        : new OnlineAlterColumnTypeOperation(TableName, ColumnName, ExistingType, Schema) { Up = Down, Down = Up, ExistingType = NewType };

    /// <inheritdoc />
    public override string Describe() => $"change the type of column {Display}.{ColumnName} (online)";

    /// <summary>What Retort knows about changing a column's type online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineAlterColumnTypeOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.Online.AlterColumnType({S(o.TableName)}, {S(o.ColumnName)}, {TypeCode(o.NewType)}" +
            (o.Up is null ? "" : ", up: " + S(o.Up)) + (o.Down is null ? "" : ", down: " + S(o.Down)) +
            (o.ExistingType is null ? "" : ", existingType: " + TypeCode(o.ExistingType)) + (o.NewDefault is null ? "" : ", newDefault: " + DefaultCode(o.NewDefault)) +
            SchemaArg(o.Schema) + ");",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "changes the type back online (existingType:), with the up and down expressions swapped",
        Dangers = o => [OneStepNote(o)],
        Offline = OfflineSupport.Simplified("the final shape in one step (ALTER COLUMN TYPE … USING up): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
