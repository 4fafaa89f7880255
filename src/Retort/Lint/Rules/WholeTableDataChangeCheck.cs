using Retort.Operations;

namespace Retort.Lint.Rules;

/// <summary>RT007: an UPDATE or DELETE without WHERE, or an atomic backfill, over an existing table.</summary>
public sealed class WholeTableDataChangeCheck() : RuleCheck(CommonRules.WholeTableDataChange)
{
    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckOperation(MigrationOperation operation, LintContext context)
    {
        if (operation is BackfillOperation { Atomic: true, Where: null } b && Existing(context, b.Schema, b.TableName))
            yield return Found($"updates every row of {Display(b.Schema, b.TableName)} in one statement (an atomic backfill).", Display(b.Schema, b.TableName));
    }

    /// <inheritdoc />
    public override IEnumerable<LintFinding> CheckStatement(LintStatement statement, LintContext context)
    {
        if (LintSql.DataChange(statement) is { HasWhere: false } change && Existing(context, change.Table, statement))
            yield return Found($"{(change.Verb == "UPDATE" ? "updates" : "deletes")} every row of {change.Table} in one statement.", change.Table.Display);
    }
}
