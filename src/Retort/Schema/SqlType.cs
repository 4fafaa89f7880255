using Retort.Schema.Types;

namespace Retort.Schema;

/// <summary>
/// A column type in Retort's dialect-neutral type system. Each dialect maps these to its own type names and
/// back when it reflects a database. Types are records: two types are equal when they mean the same thing.
/// </summary>
public abstract record SqlType
{
    /// <summary>32-bit integer.</summary>
    public static SqlType Integer { get; } = new IntegerType(IntegerSize.Int32);

    /// <summary>16-bit integer.</summary>
    public static SqlType SmallInteger { get; } = new IntegerType(IntegerSize.Int16);

    /// <summary>64-bit integer.</summary>
    public static SqlType BigInteger { get; } = new IntegerType(IntegerSize.Int64);

    /// <summary>True/false.</summary>
    public static SqlType Boolean { get; } = new BooleanType();

    /// <summary>Unbounded text.</summary>
    public static SqlType Text { get; } = new TextType();

    /// <summary>Single-precision floating point.</summary>
    public static SqlType Float { get; } = new FloatType(FloatPrecision.Single);

    /// <summary>Double-precision floating point.</summary>
    public static SqlType Double { get; } = new FloatType(FloatPrecision.Double);

    /// <summary>Calendar date.</summary>
    public static SqlType Date { get; } = new DateType();

    /// <summary>Date and time without an offset.</summary>
    public static SqlType DateTime { get; } = new DateTimeType(WithOffset: false);

    /// <summary>Date and time with an offset (PostgreSQL <c>timestamptz</c>).</summary>
    public static SqlType DateTimeOffset { get; } = new DateTimeType(WithOffset: true);

    /// <summary>Time of day.</summary>
    public static SqlType Time { get; } = new TimeType();

    /// <summary>128-bit GUID / UUID.</summary>
    public static SqlType Guid { get; } = new GuidType();

    /// <summary>JSON document.</summary>
    public static SqlType Json { get; } = new JsonType();

    /// <summary>Character string, optionally bounded (<c>VARCHAR(n)</c>).</summary>
    public static SqlType String(int? length = null) => new StringType(length);

    /// <summary>Exact decimal number with optional precision and scale.</summary>
    public static SqlType Numeric(int? precision = null, int? scale = null) => new NumericType(precision, scale);

    /// <summary>A named enumeration with the given labels (a native enum type on PostgreSQL).</summary>
    public static SqlType Enum(string name, params string[] values) => new EnumType(name, values.ToValueList());

    /// <summary>Binary data, optionally bounded.</summary>
    public static SqlType Binary(int? length = null) => new BinaryType(length);
}
