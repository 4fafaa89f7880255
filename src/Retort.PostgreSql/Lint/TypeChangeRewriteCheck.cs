using Retort.Lint;
using Retort.Lint.Rules;
using Retort.Operations;
using Retort.Schema;
using Retort.Schema.Types;
using Retort.Sql;

namespace Retort.PostgreSql.Lint;

/// <summary>RT015: a column type change that is not binary-coercible, on an existing table.</summary>
public sealed class TypeChangeRewriteCheck() : RuleCheck(PostgreSqlRules.TypeChangeRewrite)
{
    private static readonly HashSet<string> MaybeCoercible = new(StringComparer.Ordinal) { "TEXT", "VARCHAR", "CHARACTER", "NUMERIC", "DECIMAL", "CIDR", "INET" };

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is not AlterColumnOperation { NewType: { } to } a || !Existing(context, a.Schema, a.TableName)) yield break;
        var table = Display(a.Schema, a.TableName);
        if (a.Using is null && a.ExistingType is { } from && (from == to || BinaryCoercible(from, to))) yield break;
        if (a.Using is null && a.ExistingType is null && to is TextType or StringType or NumericType)
            yield return Found(LintSeverity.Warning, $"changes column {a.ColumnName} of {table} to {to} without saying its previous type (existingType:); unless the change is binary-coercible, {table} is rewritten under ACCESS EXCLUSIVE.", table);
        else
            yield return Found($"changes column {a.ColumnName} of {table} to {to}{(a.ExistingType is null ? "" : " from " + a.ExistingType)}: {table} is rewritten under ACCESS EXCLUSIVE.", table);
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            if (TypeChange.Read(action) is not { } change) continue;
            var word = change.Type.Count > 0 ? change.Type[0].Text.ToUpperInvariant() : "";
            if (!change.Using && MaybeCoercible.Contains(word))
                yield return Found(LintSeverity.Warning, $"changes column {change.Column} of {alter.Table} to {change.TypeText}; unless the change is binary-coercible (varchar(n) to a longer varchar or text), {alter.Table} is rewritten under ACCESS EXCLUSIVE.", alter.Table.Display);
            else
                yield return Found($"changes column {change.Column} of {alter.Table} to {change.TypeText}{(change.Using ? " USING an expression" : "")}: {alter.Table} is rewritten under ACCESS EXCLUSIVE.", alter.Table.Display);
        }
    }

    /// <summary>True when PostgreSQL changes <paramref name="from"/> to <paramref name="to"/> without rewriting the table.</summary>
    public static bool BinaryCoercible(SqlType from, SqlType to) => (from, to) switch
    {
        (StringType f, StringType t) => t.Length is null || (f.Length is { } n && t.Length >= n),
        (StringType or TextType, TextType) => true,
        (TextType, StringType { Length: null }) => true,
        (NumericType f, NumericType t) => t.Precision is null || (f.Precision is { } p && t.Precision >= p && (t.Scale ?? 0) == (f.Scale ?? 0)),
        (BinaryType, BinaryType) => true,
        _ => false,
    };
}
