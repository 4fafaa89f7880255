namespace Retort.Schema.Types;

/// <summary>Width of an <see cref="IntegerType"/>.</summary>
public enum IntegerSize
{
    /// <summary>16-bit (SMALLINT).</summary>
    Int16,
    /// <summary>32-bit (INTEGER).</summary>
    Int32,
    /// <summary>64-bit (BIGINT).</summary>
    Int64,
}
