using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT008: a column of an existing table made nullable.</summary>
public sealed class DropNotNullCheck() : RuleCheck(CommonRules.DropNotNull)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AlterColumnOperation { NewNullable: true } a && Existing(context, a.Schema, a.TableName))
            yield return Found($"makes column {a.ColumnName} of {Display(a.Schema, a.TableName)} nullable.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!LintSql.Skip(action, ref i, "ALTER")) continue;
            LintSql.Skip(action, ref i, "COLUMN");
            if (i < action.Count && action[i].IsName && LintSql.At(action, i + 1, "DROP", "NOT", "NULL"))
                yield return Found($"makes column {action[i].FoldedIdentifier} of {alter.Table} nullable.", alter.Table.Display);
        }
    }
}
