namespace Retort.Operations;

/// <summary>
/// A value that may be absent, distinct from a present null: "leave the default alone" versus "remove the
/// default". Used by <see cref="AlterColumnOperation"/>.
/// </summary>
// Its public properties are read by reflection for a revision's checksum (Runner/PlanFingerprint.cs): kept when trimmed.
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
public readonly record struct Optional<T>(bool HasValue, T Value)
{
    /// <summary>No value: the property is not changed.</summary>
    public static Optional<T> None => default;

    /// <summary>Wraps a present value (which may be null).</summary>
    public static implicit operator Optional<T>(T value) => new(true, value);

    /// <inheritdoc />
    public override string ToString() => HasValue ? $"{Value}" : "(unchanged)";
}
