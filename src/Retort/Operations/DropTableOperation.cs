using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Drops a table.</summary>
/// <param name="Name">Table name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record DropTableOperation(string Name, string? Schema = null) : MigrationOperation
{
    /// <summary>The table's definition before the drop; makes the drop reversible.</summary>
    public Table? Existing { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped table's definition is not known")
        : new CreateTableOperation(Existing);

    /// <inheritdoc />
    public override string Describe() => $"drop table {(Schema is null ? Name : Schema + "." + Name)}";

    /// <summary>What Retort knows about dropping a table (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<DropTableOperation> Registration { get; } = new()
    {
        CSharp = o => o.Existing is null
            ? $"op.DropTable({S(o.Name)}{SchemaArg(o.Schema)});"
            : $"op.DropTable({S(o.Name)}, existing: {TableCode(o.Existing)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "creates the table again from its definition before the drop (existing:)",
        Dangers = o => [new(DangerKind.LosesData, $"drops table '{o.Name}' and all its rows.")],
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Remove(o.Name, o.Schema),
    };
}
