using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>
/// Adds a label to an enum type (<c>ALTER TYPE … ADD VALUE IF NOT EXISTS</c>). It runs outside the revision's
/// transaction, because a label added in a transaction cannot be used before it commits, and is written so a
/// re-run completes it. PostgreSQL cannot remove a label, so the operation has no reverse.
/// </summary>
/// <param name="TypeName">The enum type.</param>
/// <param name="Value">The new label.</param>
/// <param name="Schema">Schema, or null for the default.</param>
public sealed record AddEnumValueOperation(string TypeName, string Value, string? Schema = null) : MigrationOperation
{
    /// <summary>Place the new label before this one (null: at the end, unless <see cref="After"/> is set).</summary>
    public string? Before { get; init; }

    /// <summary>Place the new label after this one.</summary>
    public string? After { get; init; }

    /// <inheritdoc />
    public override string Describe() => $"add value '{Value}' to enum type {(Schema is null ? TypeName : Schema + "." + TypeName)}";

    /// <summary>What Retort knows about adding a label to an enum type (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<AddEnumValueOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.AddEnumValue({S(o.TypeName)}, {S(o.Value)}{(o.Before is null ? "" : ", before: " + S(o.Before))}{(o.After is null ? "" : ", after: " + S(o.After))}{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Never,
        ReverseNote = "PostgreSQL cannot remove a label from an enum type",
        Dangers = o => [new(DangerKind.CannotBeUndone, $"adds label '{o.Value}' to enum type '{o.TypeName}' outside the transaction; it cannot be removed again.")],
        Offline = OfflineSupport.Statements,
        TrackSchema = TrackedSchema.Unchanged,
    };
}
