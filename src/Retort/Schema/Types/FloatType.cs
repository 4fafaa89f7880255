namespace Retort.Schema.Types;

/// <summary>Floating point number.</summary>
/// <param name="Precision">Single or double precision.</param>
public sealed record FloatType(FloatPrecision Precision) : SqlType;
