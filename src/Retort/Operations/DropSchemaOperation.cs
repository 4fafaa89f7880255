using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Drops an empty schema (<c>DROP SCHEMA</c>; it fails while the schema still holds objects).</summary>
/// <param name="Name">The schema.</param>
public sealed record DropSchemaOperation(string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new CreateSchemaOperation(Name);

    /// <inheritdoc />
    public override string Describe() => $"drop schema {Name}";

    /// <summary>What Retort knows about dropping a schema (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<DropSchemaOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.DropSchema({S(o.Name)});",
        Reverse = Reversibility.Always,
        ReverseNote = "creates the schema again (it was empty)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = TrackedSchema.Unchanged,
    };
}
