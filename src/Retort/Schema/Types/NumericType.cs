namespace Retort.Schema.Types;

/// <summary>Exact decimal number.</summary>
/// <param name="Precision">Total digits, or null for the database's default.</param>
/// <param name="Scale">Digits after the decimal point, or null.</param>
public sealed record NumericType(int? Precision = null, int? Scale = null) : SqlType;
