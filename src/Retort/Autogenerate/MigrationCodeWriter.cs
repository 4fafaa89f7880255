using System.Globalization;
using System.Text;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.Autogenerate;

/// <summary>
/// Writes operations as the C# a person would write in a revision's <c>Upgrade</c> or <c>Downgrade</c>
/// (<c>op.AddColumn(…)</c>), with a warning comment above every operation that can lose data.
/// </summary>
public static class MigrationCodeWriter
{
    /// <summary>The statements for a method body, one per line, indented by <paramref name="indent"/>.</summary>
    public static string Write(IEnumerable<MigrationOperation> operations, string indent = "        ")
    {
        var sb = new StringBuilder();
        foreach (var op in operations)
        {
            if (DangerReason(op) is { } danger) sb.Append(indent).Append("// DANGER: ").Append(danger).Append('\n');
            foreach (var line in Statement(op).Split('\n')) sb.Append(indent).Append(line).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Why an operation can lose data or fail on existing rows, or null when it cannot.</summary>
    public static string? DangerReason(MigrationOperation op)
    {
        switch (op)
        {
            case DropTableOperation d: return $"drops table '{d.Name}' and all its rows.";
            case DropColumnOperation d: return $"drops column '{d.TableName}.{d.ColumnName}' and its data.";
            case AddEnumValueOperation a: return $"adds label '{a.Value}' to enum type '{a.TypeName}' outside the transaction; it cannot be removed again.";
            case AlterColumnOperation a:
                var reasons = new List<string>();
                if (a is { NewType: { } to, ExistingType: { } from } && IsNarrowing(from, to))
                    reasons.Add($"narrows '{a.TableName}.{a.ColumnName}' from {TypeCode(from)} to {TypeCode(to)}; values may be cut or fail to convert.");
                if (a.NewNullable == false)
                    reasons.Add($"makes '{a.TableName}.{a.ColumnName}' NOT NULL; fails if any row holds NULL.");
                return reasons.Count == 0 ? null : string.Join(" Also ", reasons);
            default: return null;
        }
    }

    private static bool IsNarrowing(SqlType from, SqlType to) => (from, to) switch
    {
        (IntegerType f, IntegerType t) => t.Size < f.Size,
        (StringType f, StringType t) => t.Length is { } tl && (f.Length is null || tl < f.Length),
        (TextType, StringType { Length: not null }) => true,
        (NumericType f, NumericType t) => (t.Precision ?? int.MaxValue) < (f.Precision ?? int.MaxValue) || (t.Scale ?? 0) < (f.Scale ?? 0),
        (FloatType { Precision: FloatPrecision.Double }, FloatType { Precision: FloatPrecision.Single }) => true,
        (BinaryType f, BinaryType t) => t.Length is { } bl && (f.Length is null || bl < f.Length),
        (DateTimeType { WithOffset: true }, DateTimeType { WithOffset: false }) => true,
        _ => from.GetType() != to.GetType() && to is not (TextType or StringType { Length: null }),
    };

    private static string Statement(MigrationOperation op) => op switch
    {
        CreateTableOperation c => $"op.CreateTable({TableCode(c.Table)});",
        DropTableOperation d => d.Existing is null ? $"op.DropTable({S(d.Name)}{SchemaArg(d.Schema)});" : $"op.DropTable({S(d.Name)}, existing: {TableCode(d.Existing)}{SchemaArg(d.Schema)});",
        RenameTableOperation r => $"op.RenameTable({S(r.TableName)}, {S(r.NewName)}{SchemaArg(r.Schema)});",
        AddColumnOperation a => $"op.AddColumn({S(a.TableName)}, {ColumnCode(a.Column)}{SchemaArg(a.Schema)});",
        DropColumnOperation d => $"op.DropColumn({S(d.TableName)}, {S(d.ColumnName)}{(d.Existing is null ? "" : ", existing: " + ColumnCode(d.Existing))}{SchemaArg(d.Schema)});",
        AlterColumnOperation a => AlterCode(a),
        CreateIndexOperation c => $"op.CreateIndex({S(c.Index.Name!)}, {S(c.TableName)}, [{string.Join(", ", c.Index.Columns.Select(S))}]{(c.Index.Unique ? ", unique: true" : "")}{(c.Index.Where is null ? "" : ", where: " + S(c.Index.Where))}{SchemaArg(c.Schema)});",
        DropIndexOperation d => $"op.DropIndex({S(d.Name)}, {S(d.TableName)}{(d.Existing is null ? "" : ", existing: " + IndexCode(d.Existing))}{SchemaArg(d.Schema)});",
        AddConstraintOperation a => AddConstraintCode(a),
        DropConstraintOperation d => $"op.DropConstraint({S(d.Name)}, {S(d.TableName)}{(d.Existing is null ? "" : ", existing: " + ConstraintCode(d.Existing))}{SchemaArg(d.Schema)});",
        ExecuteSqlOperation e => $"op.Execute({S(e.Sql)}{(e.OutsideTransaction ? ", outsideTransaction: true" : "")});",
        CreateSchemaOperation c => $"op.CreateSchema({S(c.Name)});",
        DropSchemaOperation d => $"op.DropSchema({S(d.Name)});",
        AlterTableCommentOperation { Comment: { } c } a => $"op.CreateTableComment({S(a.TableName)}, {S(c)}{(a.ExistingComment is { HasValue: true, Value: { } old } ? ", existingComment: " + S(old) : "")}{SchemaArg(a.Schema)});",
        AlterTableCommentOperation a => $"op.DropTableComment({S(a.TableName)}{(a.ExistingComment is { HasValue: true, Value: { } old } ? ", existingComment: " + S(old) : "")}{SchemaArg(a.Schema)});",
        CreateEnumTypeOperation c => $"op.CreateEnumType({S(c.Name)}, [{string.Join(", ", c.Values.Select(S))}]{SchemaArg(c.Schema)});",
        AddEnumValueOperation a => $"op.AddEnumValue({S(a.TypeName)}, {S(a.Value)}{(a.Before is null ? "" : ", before: " + S(a.Before))}{(a.After is null ? "" : ", after: " + S(a.After))}{SchemaArg(a.Schema)});",
        DropEnumTypeOperation d => $"op.DropEnumType({S(d.Name)}{(d.Existing is null ? "" : ", existing: [" + string.Join(", ", d.Existing.Select(S)) + "]")}{SchemaArg(d.Schema)});",
        _ => $"// {op.Describe()} (no C# form; write it by hand)",
    };

    private static string AlterCode(AlterColumnOperation a)
    {
        var args = new List<string> { S(a.TableName), S(a.ColumnName) };
        if (a.NewName is not null) args.Add("newColumnName: " + S(a.NewName));
        if (a.NewType is not null) args.Add("type: " + TypeCode(a.NewType));
        if (a.NewNullable is not null) args.Add("nullable: " + Bool(a.NewNullable.Value));
        if (a.NewDefault.HasValue) args.Add(a.NewDefault.Value is null ? "dropServerDefault: true" : "serverDefault: " + DefaultCode(a.NewDefault.Value));
        if (a.NewComment.HasValue) args.Add(a.NewComment.Value is null ? "dropComment: true" : "comment: " + S(a.NewComment.Value));
        if (a.ExistingType is not null) args.Add("existingType: " + TypeCode(a.ExistingType));
        if (a.ExistingNullable is not null) args.Add("existingNullable: " + Bool(a.ExistingNullable.Value));
        if (a.ExistingDefault is { HasValue: true, Value: { } d }) args.Add("existingServerDefault: " + DefaultCode(d));
        if (a.ExistingComment is { HasValue: true, Value: { } c }) args.Add("existingComment: " + S(c));
        if (a.Schema is not null) args.Add("schema: " + S(a.Schema));
        return $"op.AlterColumn({string.Join(", ", args)});";
    }

    private static string AddConstraintCode(AddConstraintOperation a) => a.Constraint switch
    {
        ForeignKeyConstraint f => $"op.CreateForeignKey({S(f.Name ?? "")}, {S(a.TableName)}, {S(f.ReferredTable)}, [{string.Join(", ", f.Columns.Select(S))}], [{string.Join(", ", f.ReferredColumns.Select(S))}]" +
            (f.OnDelete != ReferentialAction.NoAction ? ", onDelete: ReferentialAction." + f.OnDelete : "") +
            (f.OnUpdate != ReferentialAction.NoAction ? ", onUpdate: ReferentialAction." + f.OnUpdate : "") +
            (f.ReferredSchema is null ? "" : ", referentSchema: " + S(f.ReferredSchema)) + SchemaArg(a.Schema) + ");",
        UniqueConstraint u when a.Schema is null => $"op.CreateUniqueConstraint({S(u.Name ?? "")}, {S(a.TableName)}, {string.Join(", ", u.Columns.Select(S))});",
        CheckConstraint c when a.Schema is null => $"op.CreateCheckConstraint({S(c.Name ?? "")}, {S(a.TableName)}, {S(c.Expression)});",
        PrimaryKeyConstraint p when a.Schema is null => $"op.CreatePrimaryKey({S(p.Name ?? "")}, {S(a.TableName)}, {string.Join(", ", p.Columns.Select(S))});",
        _ => $"op.Add(new AddConstraintOperation({S(a.TableName)}, {ConstraintCode(a.Constraint)}, {S(a.Schema)}));",
    };

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

    private static string IndexCode(TableIndex i)
    {
        var inits = new List<string>();
        if (i.Unique) inits.Add("Unique = true");
        if (i.Where is not null) inits.Add("Where = " + S(i.Where));
        if (i.Expressions) inits.Add("Expressions = true");
        return $"new TableIndex({S(i.Name)}, {string.Join(", ", i.Columns.Select(S))})" + (inits.Count == 0 ? "" : " { " + string.Join(", ", inits) + " }");
    }

    private static string ConstraintCode(TableConstraint c) => c switch
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

    private static string DefaultCode(ServerDefault d) => d switch
    {
        ExpressionDefault e => $"ServerDefault.Sql({S(e.Expression)})",
        LiteralDefault { Value: string s } => $"ServerDefault.Literal({S(s)})",
        LiteralDefault { Value: bool b } => $"ServerDefault.Literal({Bool(b)})",
        LiteralDefault { Value: long l } => $"ServerDefault.Literal({l.ToString(CultureInfo.InvariantCulture)}L)",
        LiteralDefault { Value: double x } => $"ServerDefault.Literal({x.ToString("R", CultureInfo.InvariantCulture)}d)",
        LiteralDefault { Value: decimal m } => $"ServerDefault.Literal({m.ToString(CultureInfo.InvariantCulture)}m)",
        _ => throw new RetortException($"No C# form for default {d}."),
    };

    private static string SchemaArg(string? schema) => schema is null ? "" : ", schema: " + S(schema);

    private static string Bool(bool b) => b ? "true" : "false";

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
