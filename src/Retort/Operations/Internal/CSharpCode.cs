using System.Globalization;
using System.Text;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.Operations.Internal;

/// <summary>
/// C# for the schema model's values (tables, columns, types, defaults, constraints, string literals), as the
/// operations' registrations write them into generated revisions.
/// </summary>
internal static class CSharpCode
{
    /// <summary>C# that constructs the table exactly (for <c>op.CreateTable</c>), with every name spelled out.</summary>
    public static string TableCode(Table t)
    {
        string List<T>(IEnumerable<T> items, Func<T, string> code) => "[" + string.Join(", ", items.Select(code)) + "]";
        var args = new List<string> { "[\n        " + string.Join(",\n        ", t.Columns.Select(ColumnCode)) + ",\n    ]" };
        if (t.PrimaryKey is not null) args.Add("primaryKey: " + ConstraintCode(t.PrimaryKey));
        if (t.ForeignKeys.Count > 0) args.Add("foreignKeys: " + List(t.ForeignKeys, ConstraintCode));
        if (t.UniqueConstraints.Count > 0) args.Add("uniqueConstraints: " + List(t.UniqueConstraints, ConstraintCode));
        if (t.CheckConstraints.Count > 0) args.Add("checkConstraints: " + List(t.CheckConstraints, ConstraintCode));
        if (t.Indexes.Count > 0) args.Add("indexes: " + List(t.Indexes, IndexCode));
        if (t.Comment is not null) args.Add("comment: " + S(t.Comment));
        if (t.Options.Count > 0) args.Add("options: " + List(t.Options, o => $"new TableOption({S(o.Key)}, {S(o.Value)})"));
        return $"Table.Create({S(t.Name)}, {S(t.Schema)},\n    " + string.Join(",\n    ", args) + ")";
    }

    /// <summary>C# that constructs the column.</summary>
    public static string ColumnCode(Column c)
    {
        var args = new List<string> { S(c.Name), TypeCode(c.Type), "nullable: " + Bool(c.Nullable) };
        if (c.Default is not null) args.Add("serverDefault: " + DefaultCode(c.Default));
        if (c.Comment is not null) args.Add("comment: " + S(c.Comment));
        return $"new Column({string.Join(", ", args)})" + (c.Identity ? " { Identity = true }" : "");
    }

    /// <summary>C# that constructs the index.</summary>
    public static string IndexCode(TableIndex i)
    {
        var inits = new List<string>();
        if (i.Unique) inits.Add("Unique = true");
        if (i.Where is not null) inits.Add("Where = " + S(i.Where));
        if (i.Expressions) inits.Add("Expressions = true");
        return $"new TableIndex({S(i.Name)}, {string.Join(", ", i.Columns.Select(S))})" + (inits.Count == 0 ? "" : " { " + string.Join(", ", inits) + " }");
    }

    /// <summary>C# that constructs the constraint.</summary>
    public static string ConstraintCode(TableConstraint c) => c switch
    {
        PrimaryKeyConstraint p => $"new PrimaryKeyConstraint(ValueList.Of({string.Join(", ", p.Columns.Select(S))}), {S(p.Name)})",
        UniqueConstraint u => $"new UniqueConstraint(ValueList.Of({string.Join(", ", u.Columns.Select(S))}), {S(u.Name)})",
        CheckConstraint k => $"new CheckConstraint({S(k.Expression)}, {S(k.Name)})",
        ForeignKeyConstraint f => $"new ForeignKeyConstraint(ValueList.Of({string.Join(", ", f.Columns.Select(S))}), {S(f.ReferredTable)}, ValueList.Of({string.Join(", ", f.ReferredColumns.Select(S))}), {S(f.Name)})" +
            FkInits(f),
        _ => throw new RetortException($"No C# form for {c.GetType().Name}."),
    };

    private static string FkInits(ForeignKeyConstraint f)
    {
        var inits = new List<string>();
        if (f.OnDelete != ReferentialAction.NoAction) inits.Add("OnDelete = ReferentialAction." + f.OnDelete);
        if (f.OnUpdate != ReferentialAction.NoAction) inits.Add("OnUpdate = ReferentialAction." + f.OnUpdate);
        if (f.ReferredSchema is not null) inits.Add("ReferredSchema = " + S(f.ReferredSchema));
        return inits.Count == 0 ? "" : " { " + string.Join(", ", inits) + " }";
    }

    /// <summary>C# for a type: <c>SqlType.String(50)</c>.</summary>
    public static string TypeCode(SqlType t) => t switch
    {
        IntegerType { Size: IntegerSize.Int16 } => "SqlType.SmallInteger",
        IntegerType { Size: IntegerSize.Int32 } => "SqlType.Integer",
        IntegerType => "SqlType.BigInteger",
        BooleanType => "SqlType.Boolean",
        StringType s => s.Length is null ? "SqlType.String()" : $"SqlType.String({s.Length})",
        TextType => "SqlType.Text",
        NumericType n => n.Precision is null ? "SqlType.Numeric()" : n.Scale is null ? $"SqlType.Numeric({n.Precision})" : $"SqlType.Numeric({n.Precision}, {n.Scale})",
        FloatType { Precision: FloatPrecision.Single } => "SqlType.Float",
        FloatType => "SqlType.Double",
        DateType => "SqlType.Date",
        DateTimeType { WithOffset: true } => "SqlType.DateTimeOffset",
        DateTimeType => "SqlType.DateTime",
        TimeType => "SqlType.Time",
        GuidType => "SqlType.Guid",
        BinaryType b => b.Length is null ? "SqlType.Binary()" : $"SqlType.Binary({b.Length})",
        JsonType => "SqlType.Json",
        CustomType c => $"new CustomType({S(c.Name)})",
        EnumType e => e.Schema is null
            ? $"SqlType.Enum({string.Join(", ", e.Values.Prepend(e.Name).Select(S))})"
            : $"new EnumType({S(e.Name)}, ValueList.Of({string.Join(", ", e.Values.Select(S))}), {S(e.Schema)})",
        _ => throw new RetortException($"No C# form for type {t}."),
    };

    /// <summary>C# that constructs the server default.</summary>
    public static string DefaultCode(ServerDefault d) => d switch
    {
        ExpressionDefault e => $"ServerDefault.Sql({S(e.Expression)})",
        LiteralDefault { Value: string s } => $"ServerDefault.Literal({S(s)})",
        LiteralDefault { Value: bool b } => $"ServerDefault.Literal({Bool(b)})",
        LiteralDefault { Value: long l } => $"ServerDefault.Literal({l.ToString(CultureInfo.InvariantCulture)}L)",
        LiteralDefault { Value: double x } => $"ServerDefault.Literal({x.ToString("R", CultureInfo.InvariantCulture)}d)",
        LiteralDefault { Value: decimal m } => $"ServerDefault.Literal({m.ToString(CultureInfo.InvariantCulture)}m)",
        _ => throw new RetortException($"No C# form for default {d}."),
    };

    /// <summary><c>, schema: "…"</c> when a schema is given, nothing otherwise (the last argument of most <c>op</c> calls).</summary>
    public static string SchemaArg(string? schema) => schema is null ? "" : ", schema: " + S(schema);

    /// <summary>A C# boolean literal.</summary>
    public static string Bool(bool b) => b ? "true" : "false";

    /// <summary>The <c>online:</c> argument of an op call, when the operation sets it.</summary>
    public static string OnlineArg(bool? online) => online is { } o ? ", online: " + Bool(o) : "";

    /// <summary>A C# string literal (verbatim when it spans lines), or <c>null</c>.</summary>
    public static string S(string? s)
    {
        if (s is null) return "null";
        if (s.Contains('\n')) return "@\"" + s.Replace("\"", "\"\"") + "\"";
        var sb = new StringBuilder("\"");
        foreach (var ch in s)
            sb.Append(ch switch { '"' => "\\\"", '\\' => "\\\\", '\t' => "\\t", '\r' => "\\r", _ => ch.ToString() });
        return sb.Append('"').ToString();
    }
}
