using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.PostgreSql.Internal;

/// <summary>Maps a column's catalog type back to Retort's type system.</summary>
internal static class TypeMapper
{
    public static SqlType FromCatalog(string typeName, string formatted, int typmod, string typeKind)
    {
        if (typeKind != "b") return new CustomType(formatted); // enum, domain, composite, range
        return typeName switch
        {
            "int2" => SqlType.SmallInteger,
            "int4" => SqlType.Integer,
            "int8" => SqlType.BigInteger,
            "bool" => SqlType.Boolean,
            "varchar" => SqlType.String(typmod >= 4 ? typmod - 4 : null),
            "text" => SqlType.Text,
            // numeric(p) means scale 0; it is read back as the Numeric(p) it was most likely written as.
            "numeric" when typmod >= 4 => SqlType.Numeric(((typmod - 4) >> 16) & 0xFFFF, ((typmod - 4) & 0xFFFF) is var s and > 0 ? s : null),
            "numeric" => SqlType.Numeric(),
            "float4" => SqlType.Float,
            "float8" => SqlType.Double,
            "date" => SqlType.Date,
            "timestamp" when typmod < 0 => SqlType.DateTime,
            "timestamptz" when typmod < 0 => SqlType.DateTimeOffset,
            "time" when typmod < 0 => SqlType.Time,
            "uuid" => SqlType.Guid,
            "bytea" => SqlType.Binary(),
            "jsonb" => SqlType.Json,
            _ => new CustomType(formatted),
        };
    }
}
