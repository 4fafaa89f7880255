using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT001: a column of an existing table dropped.</summary>
public sealed class DropColumnCheck() : RuleCheck(CommonRules.DropColumn)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is DropColumnOperation d && Existing(context, d.Schema, d.TableName))
            yield return Found($"drops column {d.ColumnName} of {Display(d.Schema, d.TableName)}, which the running application may still read or write.", Display(d.Schema, d.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
        {
            var i = 0;
            if (!LintSql.Skip(action, ref i, "DROP") || LintSql.Is(action, i, "CONSTRAINT")) continue;
            LintSql.Skip(action, ref i, "COLUMN");
            LintSql.Skip(action, ref i, "IF", "EXISTS");
            if (i < action.Count && action[i].IsName)
                yield return Found($"drops column {action[i].FoldedIdentifier} of {alter.Table}, which the running application may still read or write.", alter.Table.Display);
        }
    }
}
