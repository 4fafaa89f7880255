namespace Retort.Schema.Types;

/// <summary>Precision of a <see cref="FloatType"/>.</summary>
public enum FloatPrecision
{
    /// <summary>32-bit IEEE 754 (REAL).</summary>
    Single,
    /// <summary>64-bit IEEE 754 (DOUBLE PRECISION).</summary>
    Double,
}
