using Retort.Schema;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

/// <summary>Creates an enum type (<c>CREATE TYPE … AS ENUM</c> on PostgreSQL; nothing where enums are strings).</summary>
/// <param name="Name">Type name.</param>
/// <param name="Values">The labels, in sort order.</param>
/// <param name="Schema">Schema, or null for the default.</param>
public sealed record CreateEnumTypeOperation(string Name, ValueList<string> Values, string? Schema = null) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsReversible => true;

    /// <inheritdoc />
    public override MigrationOperation Reverse() => new DropEnumTypeOperation(Name, Schema) { Existing = Values };

    /// <inheritdoc />
    public override string Describe() => $"create enum type {(Schema is null ? Name : Schema + "." + Name)} ({string.Join(", ", Values)})";

    /// <summary>What Retort knows about creating an enum type (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<CreateEnumTypeOperation> Registration { get; } = new()
    {
        CSharp = o => $"op.CreateEnumType({S(o.Name)}, [{string.Join(", ", o.Values.Select(S))}]{SchemaArg(o.Schema)});",
        Reverse = Reversibility.Always,
        ReverseNote = "drops the type, keeping its labels so the drop reverses too",
        Dangers = _ => OperationDanger.None,
        Offline = OfflineSupport.Statements,
        TrackSchema = TrackedSchema.Unchanged,
    };
}
