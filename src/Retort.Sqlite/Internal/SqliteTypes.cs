using System.Text.RegularExpressions;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.Sqlite.Internal;

/// <summary>
/// Retort types ↔ SQLite declared types. SQLite keeps the declared type text verbatim, so each type gets a
/// distinct spelling that reflection maps back; STRICT tables only allow the five storage types.
/// </summary>
internal static partial class SqliteTypes
{
    public static string Render(SqlType type, bool strict) => strict ? StrictName(type) : type switch
    {
        IntegerType { Size: IntegerSize.Int16 } => "SMALLINT",
        IntegerType { Size: IntegerSize.Int32 } => "INTEGER",
        IntegerType => "BIGINT",
        BooleanType => "BOOLEAN",
        StringType { Length: { } n } => $"VARCHAR({n})",
        StringType => "VARCHAR",
        TextType => "TEXT",
        NumericType { Precision: { } p, Scale: { } s } => $"NUMERIC({p}, {s})",
        NumericType { Precision: { } p } => $"NUMERIC({p})",
        NumericType => "NUMERIC",
        FloatType { Precision: FloatPrecision.Single } => "REAL",
        FloatType => "DOUBLE PRECISION",
        DateType => "DATE",
        DateTimeType { WithOffset: false } => "DATETIME",
        DateTimeType => "DATETIMEOFFSET",
        TimeType => "TIME",
        GuidType => "UUID",
        BinaryType { Length: { } n } => $"VARBINARY({n})",
        BinaryType => "BLOB",
        JsonType => "JSON",
        CustomType c => c.Name,
        EnumType e => $"VARCHAR({e.MaxLength})",
        _ => throw new RetortException($"The SQLite dialect has no type for {type}."),
    };

    private static string StrictName(SqlType type) => type switch
    {
        IntegerType or BooleanType => "INTEGER",
        FloatType => "REAL",
        BinaryType => "BLOB",
        CustomType { Name: var n } when n is "ANY" => "ANY",
        _ => "TEXT",
    };

    /// <summary>Storage type for CAST when a column's type changes.</summary>
    public static string CastTarget(SqlType type) => type switch
    {
        IntegerType or BooleanType => "INTEGER",
        FloatType => "REAL",
        NumericType => "NUMERIC",
        BinaryType => "BLOB",
        _ => "TEXT",
    };

    public static SqlType Parse(string declared)
    {
        var text = Spaces().Replace(declared.Trim(), " ").ToUpperInvariant();
        var m = WithArgs().Match(text);
        var name = m.Success ? m.Groups[1].Value.Trim() : text;
        int? a = m.Success && int.TryParse(m.Groups[2].Value, out var x) ? x : null;
        int? b = m.Success && m.Groups[3].Success && int.TryParse(m.Groups[3].Value, out var y) ? y : null;
        return name switch
        {
            "SMALLINT" or "INT2" => SqlType.SmallInteger,
            "INTEGER" or "INT" or "INT4" or "MEDIUMINT" => SqlType.Integer,
            "BIGINT" or "INT8" => SqlType.BigInteger,
            "BOOLEAN" or "BOOL" => SqlType.Boolean,
            "VARCHAR" or "CHARACTER VARYING" or "NVARCHAR" or "CHAR" or "NCHAR" => SqlType.String(a),
            "TEXT" or "CLOB" => SqlType.Text,
            "NUMERIC" or "DECIMAL" => SqlType.Numeric(a, b),
            "REAL" or "FLOAT" => SqlType.Float,
            "DOUBLE" or "DOUBLE PRECISION" => SqlType.Double,
            "DATE" => SqlType.Date,
            "DATETIME" or "TIMESTAMP" => SqlType.DateTime,
            "DATETIMEOFFSET" or "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" => SqlType.DateTimeOffset,
            "TIME" => SqlType.Time,
            "UUID" or "GUID" or "UNIQUEIDENTIFIER" => SqlType.Guid,
            "VARBINARY" => SqlType.Binary(a),
            "BLOB" => SqlType.Binary(),
            "JSON" => SqlType.Json,
            _ => new CustomType(declared.Trim()),
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^([A-Z ]+?)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$")]
    private static partial Regex WithArgs();
}
