using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT002: a column of an existing table renamed.</summary>
public sealed class RenameColumnCheck() : RuleCheck(CommonRules.RenameColumn)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is AlterColumnOperation { NewName: { } name } a && name != a.ColumnName && Existing(context, a.Schema, a.TableName))
            yield return Found($"renames column {a.ColumnName} of {Display(a.Schema, a.TableName)} to {name}; the running application still uses the old name.", Display(a.Schema, a.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!LintSql.Skip(action, ref i, "RENAME") || LintSql.Is(action, i, "TO") || LintSql.Is(action, i, "CONSTRAINT")) continue;
            LintSql.Skip(action, ref i, "COLUMN");
            if (i < action.Count && action[i].IsName && LintSql.Is(action, i + 1, "TO") && i + 2 < action.Count)
                yield return Found($"renames column {action[i].FoldedIdentifier} of {alter.Table} to {action[i + 2].FoldedIdentifier}; the running application still uses the old name.", alter.Table.Display);
        }
    }
}
