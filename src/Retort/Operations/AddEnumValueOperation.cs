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
}
