using Retort.Operations;
using Retort.Sql;

namespace Retort.Lint.Rules;

/// <summary>RT003: an existing table renamed.</summary>
public sealed class RenameTableCheck() : RuleCheck(CommonRules.RenameTable)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is RenameTableOperation r && Existing(context, r.Schema, r.TableName))
            yield return Found($"renames table {Display(r.Schema, r.TableName)} to {r.NewName}; the running application still uses the old name.", Display(r.Schema, r.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.AlterTable(statement) is not { } alter || !Existing(context, alter.Table, statement)) yield break;
        foreach (var action in alter.Actions)
            if (LintSql.At(action, 0, "RENAME", "TO") && action.Count > 2)
                yield return Found($"renames table {alter.Table} to {action[2].FoldedIdentifier}; the running application still uses the old name.", alter.Table.Display);
    }
}
