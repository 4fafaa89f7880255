using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Renames a table.</summary>
/// <param name="TableName">Current name.</param>
/// <param name="NewName">New name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record RenameTableOperation(string TableName, string NewName, string? Schema = null) : TableOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new RenameTableOperation(NewName, TableName, Schema);

    /// <inheritdoc />
    public override Table ApplyTo(Table table) => table with { Name = NewName };

    /// <inheritdoc />
    public override string Describe() => $"rename table {Display} to {NewName}";

    /// <summary>What Retort knows about renaming a table (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<RenameTableOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.RenameTable({S(o.TableName)}, {S(o.NewName)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Always,
        ReverseNote = "renames the table back",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
