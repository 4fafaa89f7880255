using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;

namespace Retort.Lint.Rules;

/// <summary>RT006: a column's type changed to one that holds fewer values.</summary>
public sealed class NarrowingTypeCheck() : RuleCheck(CommonRules.NarrowingType)
{
    private static readonly HashSet<string> BoundedSqlTypes = new(StringComparer.Ordinal)
    {
        "VARCHAR", "CHAR", "CHARACTER", "BPCHAR", "SMALLINT", "INT2", "INT", "INTEGER", "INT4", "NUMERIC", "DECIMAL", "REAL", "FLOAT4",
    };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is not AlterColumnOperation { NewType: { } to } a || !Existing(context, a.Schema, a.TableName)) yield break;
        var table = Display(a.Schema, a.TableName);
        if (a.ExistingType is { } from)
        {
            if (Narrows(from, to))
                yield return Found($"narrows column {a.ColumnName} of {table} from {from} to {to}.", table);
        }
        else if (Bounded(to))
            yield return Found(LintSeverity.Warning, $"changes column {a.ColumnName} of {table} to {to} without saying its previous type (existingType:), so it may narrow it.", table);
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            if (TypeChange.Read(action) is not { } change) continue;
            if (change.Type.Count > 0 && BoundedSqlTypes.Contains(change.Type[0].Text.ToUpperInvariant()))
                yield return Found(LintSeverity.Warning, $"changes column {change.Column} of {alter.Table} to {string.Join(" ", change.Type.Select(t => t.Text))}, a bounded type that may narrow it.", alter.Table.Display);
        }
    }

    private static bool Bounded(SqlType type) => type is StringType { Length: not null } or IntegerType { Size: not IntegerSize.Int64 } or NumericType { Precision: not null } or FloatType { Precision: FloatPrecision.Single };

    /// <summary>True when <paramref name="to"/> cannot hold every value of <paramref name="from"/>.</summary>
    public static bool Narrows(SqlType from, SqlType to) => (from, to) switch
    {
        (StringType f, StringType t) => t.Length is { } m && (f.Length is null || m < f.Length),
        (TextType, StringType { Length: not null }) => true,
        (IntegerType f, IntegerType t) => t.Size < f.Size,
        (NumericType f, NumericType t) => t.Precision is { } p && (f.Precision is null || p < f.Precision || (t.Scale ?? 0) < (f.Scale ?? 0)),
        (FloatType { Precision: FloatPrecision.Double }, FloatType { Precision: FloatPrecision.Single }) => true,
        (DateTimeType { WithOffset: true }, DateTimeType { WithOffset: false }) => true,
        _ => false,
    };
}
