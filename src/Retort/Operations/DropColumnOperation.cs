using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Drops a column. Indexes and constraints that involve the column are dropped with it (they cannot exist
/// without it), as the databases themselves do when they can.
/// </summary>
/// <param name="TableName">The table.</param>
/// <param name="ColumnName">The column to drop.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record DropColumnOperation(string TableName, string ColumnName, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <summary>The column's definition before the drop; makes the drop reversible.</summary>
    public Column? Existing { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped column's definition is not known")
        : new AddColumnOperation(TableName, Existing, Schema);

    /// <inheritdoc />
    public override Table ApplyTo(Table table)
    {
        table.GetColumn(ColumnName);
        bool Uses(IEnumerable<string> cols) => cols.Contains(ColumnName);
        return table with
        {
            Columns = table.Columns.Where(c => c.Name != ColumnName).ToValueList(),
            PrimaryKey = table.PrimaryKey is { } pk && Uses(pk.Columns) ? null : table.PrimaryKey,
            ForeignKeys = table.ForeignKeys.Where(f => !Uses(f.Columns)).ToValueList(),
            UniqueConstraints = table.UniqueConstraints.Where(u => !Uses(u.Columns)).ToValueList(),
            CheckConstraints = table.CheckConstraints.Where(c => !SqlText.MentionsIdentifier(c.Expression, ColumnName)).ToValueList(),
            Indexes = table.Indexes.Where(i => i.Expressions
                ? !i.Columns.Any(e => SqlText.MentionsIdentifier(e, ColumnName))
                : !Uses(i.Columns) && (i.Where is null || !SqlText.MentionsIdentifier(i.Where, ColumnName))).ToValueList(),
        };
    }

    /// <inheritdoc />
    public override string Describe() => $"drop column {Display}.{ColumnName}";

    /// <summary>What Retort knows about dropping a column (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<DropColumnOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.DropColumn({S(o.TableName)}, {S(o.ColumnName)}{(o.Existing is null ? "" : ", existing: " + ColumnCode(o.Existing))}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "adds the column again from its definition before the drop (existing:); its data is not restored",
        Dangers = o => [new(DangerKind.LosesData, $"drops column '{o.TableName}.{o.ColumnName}' and its data.")],
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
