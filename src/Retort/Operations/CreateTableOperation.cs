using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Creates a table with its columns, keys, constraints and indexes.</summary>
/// <param name="Table">The table to create.</param>
public sealed record CreateTableOperation(Table Table) : MigrationOperation
{
    /// <summary>Also create the table's indexes (true by default).</summary>
    public bool WithIndexes { get; init; } = true;

    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new DropTableOperation(Table.Name, Table.Schema) { Existing = Table };

    /// <inheritdoc />
    public override string Describe() => $"create table {Table.DisplayName}";

    /// <summary>What Retort knows about creating a table (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<CreateTableOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.CreateTable({TableCode(o.Table)});",
        Reverse = Reversibility.Always,
        ReverseNote = "drops the table, keeping its definition so the drop reverses too",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Put(o.Table),
    };
}
