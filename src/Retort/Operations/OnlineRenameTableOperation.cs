using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Renames a table online: during the expand the old version's schema has a view under the old name and the new
/// version's a view under the new one; the contract renames the table itself.
/// </summary>
/// <param name="TableName">The table's current name.</param>
/// <param name="NewName">Its new name.</param>
/// <param name="Schema">Schema, or null.</param>
public sealed record OnlineRenameTableOperation(string TableName, string NewName, string? Schema = null) : OnlineOperation(TableName, Schema)
{
    /// <inheritdoc />
    public override OnlineShape GetShape() => new() { NewTableName = NewName };

    /// <inheritdoc />
    public override IReadOnlyList<MigrationOperation> FinalShape() => [new RenameTableOperation(TableName, NewName, Schema)];

    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new OnlineRenameTableOperation(NewName, TableName, Schema);

    /// <inheritdoc />
    public override string Describe() => $"rename table {Display} to {NewName} (online)";

    /// <summary>What Retort knows about renaming a table online (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<OnlineRenameTableOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.Online.RenameTable({S(o.TableName)}, {S(o.NewName)}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Always,
        ReverseNote = "renames the table back (online)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Simplified("the final shape in one step (a plain rename): an offline script runs with the application stopped"),
        TrackSchema = (o, schema) => schema.Apply(o),
    };
}
