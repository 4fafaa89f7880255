using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Drops an enum type (<c>DROP TYPE</c> on PostgreSQL; nothing where enums are strings).</summary>
/// <param name="Name">Type name.</param>
/// <param name="Schema">Schema, or null for the default.</param>
public sealed record DropEnumTypeOperation(string Name, string? Schema = null) : MigrationOperation
{
    /// <summary>The type's labels before the drop; makes the drop reversible.</summary>
    public ValueList<string>? Existing { get; init; }

    /// <inheritdoc />
    public override bool IsReversible => Existing is not null;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => Existing is null
        ? throw new IrreversibleOperationException(this, "the dropped enum type's labels are not known")
        : new CreateEnumTypeOperation(Name, Existing, Schema);

    /// <inheritdoc />
    public override string Describe() => $"drop enum type {(Schema is null ? Name : Schema + "." + Name)}";

    /// <summary>What Retort knows about dropping an enum type (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<DropEnumTypeOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.DropEnumType({S(o.Name)}{(o.Existing is null ? "" : ", existing: [" + string.Join(", ", o.Existing.Select(S)) + "]")}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "creates the type again from its labels before the drop (existing:)",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = TrackedSchema.Unchanged,
    };
}
