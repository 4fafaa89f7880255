namespace Retort.Schema.Types;

/// <summary>Date and time, with or without a UTC offset.</summary>
/// <param name="WithOffset">True for a date-time that carries its offset (timestamptz).</param>
public sealed record DateTimeType(bool WithOffset) : SqlType;
