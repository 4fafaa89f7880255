using Retort.Schema;

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
}
