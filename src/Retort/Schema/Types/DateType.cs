namespace Retort.Schema.Types;

/// <summary>Calendar date.</summary>
public sealed record DateType : SqlType;
